using System.CommandLine;
using OrderStreams.Cli.Commands;
using Confluent.SchemaRegistry;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Cli;

public sealed class RegistryCommandTests
{
    [Fact]
    public async Task Registry_Started_PrintsUrlFirstServesUntilCancelledAndKeepsData()
    {
        using var directory = new TempDirectory();
        var args = new[] { "registry", "--port", "0", "--data-dir", directory.Path };

        var (firstUrl, exit) = await RunUntilUrlAsync(args, async url =>
        {
            using var client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = url });
            Assert.Equal(1, await client.RegisterSchemaAsync("payments-value", new Schema(Schemas.PaymentV1, SchemaType.Avro)));
        });
        await RunUntilUrlAsync(args, async url =>
        {
            using var client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = url });
            Assert.Equal(["payments-value"], await client.GetAllSubjectsAsync());
        });

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", firstUrl);
        Assert.Equal(0, exit);
    }

    /// <summary>Runs the command, waits for its first line, runs <paramref name="whileUp"/> against the URL, then cancels (Ctrl-C).</summary>
    private static async Task<(string Url, int Exit)> RunUntilUrlAsync(string[] args, Func<string, Task> whileUp)
    {
        using var output = new FirstLineWriter();
        using var cancellation = new CancellationTokenSource();
        var run = new RootCommand { RegistryCommand.Create() }.Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = TextWriter.Null }, cancellation.Token);

        var line = await output.FirstLine.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.StartsWith("schema.registry.url=", line);
        var url = line["schema.registry.url=".Length..];
        try
        {
            await whileUp(url);
        }
        finally
        {
            await cancellation.CancelAsync();
        }
        return (url, await run);
    }

    private sealed class FirstLineWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> FirstLine => firstLine.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            firstLine.TrySetResult(value ?? "");
        }
    }
}
