using System.CommandLine;
using Confluent.Kafka;
using OrderStreams.Cli;
using OrderStreams.Cli.Commands;
using OrderStreams.Native;
using Spectre.Console;

var root = OrderStreamsCommand.Create();

if (Console.IsOutputRedirected)
{
    // Piped or captured output: plain text, and tables as wide as their content rather than wrapped at 80 columns.
    AnsiConsole.Profile.Capabilities.Ansi = false;
    AnsiConsole.Profile.Width = 250;
}

using var shutdown = new ShutdownSignal();
try
{
    // Signals and errors are ours to handle: a stop request ends commands cleanly (exit 0), errors print one line.
    var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
    return await root.Parse(args).InvokeAsync(invocation, shutdown.Token);
}
catch (MissingNativeLibraryException e)
{
    await Console.Error.WriteLineAsync($"orderstreams: {e.Message}");
    return ExitCodes.MissingDependency;
}
catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
{
    await Console.Error.WriteLineAsync($"orderstreams: {e.Message}");
    return ExitCodes.DataError;
}
catch (KafkaException e)
{
    await Console.Error.WriteLineAsync($"orderstreams: Kafka: {e.Error.Reason}");
    return ExitCodes.Failure;
}
