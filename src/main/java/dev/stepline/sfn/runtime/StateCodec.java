package dev.stepline.sfn.runtime;

import dev.stepline.sfn.runtime.Flow.BranchWork;
import dev.stepline.sfn.runtime.Flow.TaskWork;
import dev.stepline.sfn.runtime.Flow.TimerWork;
import dev.stepline.sfn.runtime.dataflow.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of an {@link AslExecution}: one compact JSON object, a tree of frames. Absent
 * members mean their default, so a small execution stays small. Payloads (state inputs, Map items
 * and results, variables) are embedded as JSON, parsed with the runtime's one JSON policy so numbers
 * keep their lexical form.
 *
 * <pre>
 * {"v":1, "a":executionArn, "sm":stateMachineArn, "smn":stateMachineName, "va"?:versionArn, "aa"?:aliasArn,
 *  "n":name, "dk":definitionKey, "r"?:roleArn, "i":input string, "th"?:traceHeader, "sd":startMillis,
 *  "rg":region, "pt"?:{"a":parentArn,"k":taskKey,"p":pattern}, "mc"?:{"a":mapRunArn,"x":index,"c":itemCount}, "st"?:status (RUNNING), "q":keyCounter,
 *  "rdc"?:redriveCount, "rdt"?:redriveMillis, "inv"?:{state:count}, "f":frame}
 * frame: {"x"?:index, "s"?:state, "ph"?:phase (0), "p"?:prev, "in"?:input, "e"?:entered, "t"?:enteredAt,
 *         "rc"?:retryCount, "ra"?:[attempts], "vars"?:{...}, "er"?, "ca"?, "rp"?:true, "w"?:work}
 * work:  {"k":"T", "key", "pk"?:parked, "hb"?:heartbeatSeconds, "sub"?:true, "sta"?:true, "ch"?:childArn,
 *         "pd"?:{"type","data"} (a completion waiting for TaskSubmitted)}
 *        {"k":"W"|"R", "key"}                                   (Wait end / retry back-off)
 *        {"k":"P"|"M", "c":[frames], "tp":threadPrev, "ef"?, "it"?, "rs"?, "nx"?, "lim"?}
 *        {"k":"D", ...}                                         (a Map Run: see MapRunWork#encode)
 * </pre>
 */
final class StateCodec {
    static final int VERSION = 1;

    private StateCodec() {
    }

    static String encode(AslExecution ex) {
        ObjectNode out = Json.object();
        out.put("v", VERSION);
        out.put("a", ex.executionArn);
        out.put("sm", ex.stateMachineArn);
        out.put("smn", ex.stateMachineName);
        putIf(out, "va", ex.versionArn);
        putIf(out, "aa", ex.aliasArn);
        out.put("n", ex.name);
        out.put("dk", ex.definitionKey);
        putIf(out, "r", ex.roleArn);
        out.put("i", ex.input);
        putIf(out, "th", ex.traceHeader);
        putIf(out, "tc", ex.testCase);
        out.put("sd", ex.startMs);
        out.put("rg", ex.region);
        if (ex.parent != null) {
            ObjectNode parent = out.putObject("pt");
            parent.put("a", ex.parent.executionArn());
            parent.put("k", ex.parent.taskKey());
            putIf(parent, "p", ex.parent.pattern());
        }
        if (ex.mapChild != null) {
            ObjectNode child = out.putObject("mc");
            child.put("a", ex.mapChild.mapRunArn());
            child.put("x", ex.mapChild.index());
            child.put("c", ex.mapChild.itemCount());
        }
        if (!AslExecution.RUNNING.equals(ex.status)) {
            out.put("st", ex.status);
        }
        out.put("q", ex.seq);
        if (ex.redriveCount > 0) {
            out.put("rdc", ex.redriveCount);
            out.put("rdt", ex.redriveMs);
        }
        if (ex.invocations != null) {
            out.set("inv", ex.invocations);
        }
        out.set("f", encode(ex.root));
        return Json.compact(out);
    }

    private static ObjectNode encode(Flow flow) {
        ObjectNode out = Json.object();
        if (flow.index >= 0) {
            out.put("x", flow.index);
        }
        putIf(out, "s", flow.state);
        if (flow.phase != Flow.ENTER) {
            out.put("ph", flow.phase);
        }
        if (flow.prev != 0) {
            out.put("p", flow.prev);
        }
        if (flow.input != null) {
            out.set("in", flow.input);
        }
        if (flow.entered != 0) {
            out.put("e", flow.entered);
            out.put("t", flow.enteredAt);
        }
        if (flow.retryCount != 0) {
            out.put("rc", flow.retryCount);
        }
        if (flow.attempts != null) {
            ArrayNode attempts = out.putArray("ra");
            for (int attempt : flow.attempts) {
                attempts.add(attempt);
            }
        }
        if (flow.vars != null && !flow.vars.isEmpty()) {
            out.set("vars", flow.vars);
        }
        putIf(out, "er", flow.error);
        putIf(out, "ca", flow.cause);
        if (flow.reported) {
            out.put("rp", true);
        }
        switch (flow.work) {
            case TaskWork task -> {
                ObjectNode work = out.putObject("w");
                work.put("k", "T");
                work.put("key", task.key);
                putIf(work, "pk", task.parked);
                if (task.heartbeat != 0) {
                    work.put("hb", task.heartbeat);
                }
                if (task.submitted) {
                    work.put("sub", true);
                }
                if (task.started) {
                    work.put("sta", true);
                }
                putIf(work, "ch", task.child);
                if (task.pending != null) {
                    work.set("pd", task.pending);
                }
            }
            case TimerWork timer -> {
                ObjectNode work = out.putObject("w");
                work.put("k", timer.retry ? "R" : "W");
                work.put("key", timer.key);
            }
            case BranchWork branches -> {
                ObjectNode work = out.putObject("w");
                work.put("k", branches.map ? "M" : "P");
                ArrayNode children = work.putArray("c");
                for (Flow child : branches.children) {
                    children.add(encode(child));
                }
                work.put("tp", branches.threadPrev);
                if (branches.map) {
                    work.set("ef", branches.effective);
                    work.set("it", branches.items);
                    work.set("rs", branches.results);
                    work.put("nx", branches.next);
                    work.put("lim", branches.limit);
                }
            }
            case MapRunWork run -> out.set("w", run.encode());
            case null -> {
            }
        }
        return out;
    }

    static AslExecution decode(String text) {
        JsonNode in = Json.parse(text);
        int version = in.path("v").asInt(0);
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown sfn state version " + version);
        }
        ExecutionStart.ParentTask parent = null;
        JsonNode pt = in.get("pt");
        if (pt != null) {
            parent = new ExecutionStart.ParentTask(pt.get("a").asString(), pt.get("k").asString(), str(pt, "p"));
        }
        AslExecution ex = new AslExecution(str(in, "a"), str(in, "sm"), str(in, "smn"), str(in, "va"), str(in, "aa"),
                str(in, "n"), str(in, "dk"), str(in, "r"), str(in, "i"), str(in, "th"), in.get("sd").asLong(),
                str(in, "rg"), parent);
        JsonNode mc = in.get("mc");
        if (mc != null) {
            ex.mapChild = new ExecutionStart.MapChild(mc.get("a").asString(), mc.get("x").asInt(), mc.get("c").asInt());
        }
        String status = str(in, "st");
        ex.status = status == null ? AslExecution.RUNNING : status;
        ex.seq = in.path("q").asLong(0);
        ex.redriveCount = in.path("rdc").asInt(0);
        ex.redriveMs = in.path("rdt").asLong(0);
        ex.testCase = str(in, "tc");
        JsonNode invocations = in.get("inv");
        ex.invocations = invocations instanceof ObjectNode object ? object : null;
        ex.root = decodeFlow(in.get("f"), null);
        return ex;
    }

    private static Flow decodeFlow(JsonNode in, Flow parent) {
        Flow flow = new Flow();
        flow.parent = parent;
        flow.index = in.path("x").asInt(-1);
        flow.state = str(in, "s");
        flow.phase = in.path("ph").asInt(Flow.ENTER);
        flow.prev = in.path("p").asLong(0);
        flow.input = in.get("in");
        flow.entered = in.path("e").asLong(0);
        flow.enteredAt = in.path("t").asLong(0);
        flow.retryCount = in.path("rc").asInt(0);
        JsonNode attempts = in.get("ra");
        if (attempts != null) {
            flow.attempts = new int[attempts.size()];
            for (int i = 0; i < attempts.size(); i++) {
                flow.attempts[i] = attempts.get(i).asInt();
            }
        }
        JsonNode vars = in.get("vars");
        flow.vars = vars instanceof ObjectNode object ? object : null;
        flow.error = str(in, "er");
        flow.cause = str(in, "ca");
        flow.reported = in.path("rp").asBoolean(false);
        JsonNode work = in.get("w");
        if (work != null) {
            switch (work.get("k").asString()) {
                case "T" -> {
                    TaskWork task = new TaskWork();
                    task.key = str(work, "key");
                    task.parked = str(work, "pk");
                    task.heartbeat = work.path("hb").asLong(0);
                    task.submitted = work.path("sub").asBoolean(false);
                    task.started = work.path("sta").asBoolean(false);
                    task.child = str(work, "ch");
                    if (work.get("pd") instanceof ObjectNode pending) {
                        task.pending = pending;
                    }
                    flow.work = task;
                }
                case "W", "R" -> flow.work = new TimerWork(str(work, "key"), work.get("k").asString().equals("R"));
                case "P", "M" -> {
                    BranchWork branches = new BranchWork();
                    branches.map = work.get("k").asString().equals("M");
                    for (JsonNode child : work.get("c")) {
                        branches.children.add(decodeFlow(child, flow));
                    }
                    branches.threadPrev = work.path("tp").asLong(0);
                    if (branches.map) {
                        branches.effective = work.get("ef");
                        branches.items = (ArrayNode) work.get("it");
                        branches.results = (ArrayNode) work.get("rs");
                        branches.next = work.path("nx").asInt(0);
                        branches.limit = work.path("lim").asInt(0);
                    }
                    flow.work = branches;
                }
                case "D" -> flow.work = MapRunWork.decode(work);
                default -> throw new IllegalArgumentException("unknown work kind " + work.get("k"));
            }
        }
        return flow;
    }

    private static void putIf(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    private static String str(JsonNode in, String field) {
        JsonNode node = in.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }
}
