package dev.stepline.sfn.api;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.time.Instant;
import java.util.List;

/** Wire shapes of the state machine alias operations (spec §4.11) and the document the store keeps. */
public final class AliasShapes {
    private AliasShapes() {}

    /** The model's {@code CharacterRestrictedName}: at least one non-digit, so it never looks like a version. */
    static final String ALIAS_NAME = "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$";

    public record RoutingConfigurationListItem(@Required @Length(min = 1, max = 256) String stateMachineVersionArn,
                                               @Required @Range(min = 0, max = 100) Integer weight) {}

    public record CreateStateMachineAliasInput(
            @Length(max = 256) String description,
            @Required @Length(min = 1, max = 80) @Pattern(ALIAS_NAME) String name,
            @Required @Length(min = 1, max = 2) List<RoutingConfigurationListItem> routingConfiguration) {}

    public record CreateStateMachineAliasOutput(String stateMachineAliasArn, Instant creationDate) {}

    public record DescribeStateMachineAliasInput(@Required @Length(min = 1, max = 256) String stateMachineAliasArn) {}

    public record DescribeStateMachineAliasOutput(String stateMachineAliasArn, String name, String description,
                                                  List<RoutingConfigurationListItem> routingConfiguration,
                                                  Instant creationDate, Instant updateDate) {}

    public record UpdateStateMachineAliasInput(
            @Required @Length(min = 1, max = 256) String stateMachineAliasArn,
            @Length(max = 256) String description,
            @Length(min = 1, max = 2) List<RoutingConfigurationListItem> routingConfiguration) {}

    public record UpdateStateMachineAliasOutput(Instant updateDate) {}

    public record DeleteStateMachineAliasInput(@Required @Length(min = 1, max = 256) String stateMachineAliasArn) {}

    public record ListStateMachineAliasesInput(@Required @Length(min = 1, max = 256) String stateMachineArn,
                                               @Length(min = 1, max = 1024) String nextToken,
                                               @Range(min = 0, max = 1000) Integer maxResults) {}

    public record StateMachineAliasListItem(String stateMachineAliasArn, Instant creationDate) {}

    public record ListStateMachineAliasesOutput(List<StateMachineAliasListItem> stateMachineAliases, String nextToken) {}

    /** What the store keeps for an alias. */
    record AliasDoc(String stateMachineArn, String name, String description,
                    List<RoutingConfigurationListItem> routingConfiguration, long creationDate, long updateDate) {}
}
