using System.CommandLine;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams</c>: the root of every command.</summary>
internal static class OrderStreamsCommand
{
    public static RootCommand Create() => new("OrderStreams: stream-processing services for food ordering, and the tools to run them.")
    {
        BrokerCommand.Create(),
        BenchCommand.Create(),
        RegistryCommand.Create(),
        SchemasCommand.Create(),
        AvroCommand.Create(),
        DevCommand.Create(),
        ChaosCommand.Create(),
        SimulateCommand.Create(),
        AppCommand.Create(),
        GroupsCommand.Create(),
        TopicsCommand.Create(),
        TraceCommand.Create(),
        DlqCommand.Create(),
        ReplayCommand.Create(),
        VersionCommand.Create(),
        RoutingCommand.Create(),
    };
}
