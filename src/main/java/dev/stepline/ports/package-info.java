/** Interfaces one service face offers the others (Image Builder and MWAA Serverless starting Step Functions executions). */
package dev.stepline.ports;
