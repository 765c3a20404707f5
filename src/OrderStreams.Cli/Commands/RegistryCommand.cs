using System.CommandLine;
using OrderStreams.SchemaRegistry.Server;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams registry</c>: the embedded schema registry, until stopped.</summary>
internal static class RegistryCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = "Where the registry keeps its schemas (default: .state/schema-registry under the current directory)." };

        var command = new Command("registry", "Run the embedded, Confluent-compatible schema registry on 127.0.0.1, keeping its schemas in a data directory.")
        {
            port, dataDir,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var directory = parse.GetValue(dataDir)?.FullName ?? Path.Combine(Environment.CurrentDirectory, ".state", "schema-registry");
            await using var registry = await EmbeddedSchemaRegistry.StartAsync(directory, parse.GetValue(port), cancellationToken: cancellation);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"{EmbeddedSchemaRegistry.UrlSetting}={registry.Url.ToString().TrimEnd('/')}");
            await output.FlushAsync(CancellationToken.None);
            await parse.InvocationConfiguration.Error.WriteLineAsync($"Embedded schema registry, data in {registry.DataDirectory}. Stop with Ctrl-C.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            catch (OperationCanceledException)
            {
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
