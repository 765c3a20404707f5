using System.CommandLine;
using OrderStreams.Cli;
using OrderStreams.Cli.Commands;
using OrderStreams.Native;

var root = new RootCommand("OrderStreams: stream-processing services for food ordering, and the tools to run them.")
{
    BrokerCommand.Create(),
    RegistryCommand.Create(),
    SchemasCommand.Create(),
    AvroCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync();
}
catch (MissingNativeLibraryException e)
{
    await Console.Error.WriteLineAsync($"orderstreams: {e.Message}");
    return ExitCodes.MissingDependency;
}
