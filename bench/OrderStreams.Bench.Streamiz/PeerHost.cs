using OrderStreams.Bench.Peer;
using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Events;
using OrderStreams.SchemaRegistry;
using OrderStreams.SchemaRegistry.Serdes;
using Streamiz.Kafka.Net;

namespace OrderStreams.Bench.Streamiz;

/// <summary>Runs one pipeline on Streamiz until asked to stop, reporting on <paramref name="output"/> what the CLI measures.</summary>
internal static class PeerHost
{
    public static async Task<int> RunAsync(PeerArguments arguments, TextReader input, TextWriter output)
    {
        var registry = await SameIdRegistryAsync(arguments.SchemaId);
        var orders = new WireFormatSerDes<OrderPlaced>(
            new AvroSerializer<OrderPlaced>(registry), new AvroDeserializer<OrderPlaced>(registry));
        var report = new Action<string>(line =>
        {
            lock (output) output.WriteLine(line);
        });

        var stream = new KafkaStream(PeerTopologies.Build(arguments, orders), PeerConfig.Create(arguments));
        var failed = new TaskCompletionSource();
        stream.StateChanged += (_, state) =>
        {
            report($"{PeerProtocol.State} {state}");
            if (state == KafkaStream.State.ERROR) failed.TrySetResult();
        };
        if (arguments.Mode == PeerProtocol.Modes.Restore) new RestoreTimer(arguments.ExpectedRecords, report).Attach(stream);

        report($"{PeerProtocol.Starting} {DateTime.UtcNow.Ticks}");
        // Its threads run in the background; the stop request is watched for from the start.
        var starting = stream.StartAsync();
        var stop = Task.Run(() => WaitForStop(input));
        var ended = await Task.WhenAny(stop, failed.Task);
        await starting;
        stream.Dispose();
        return ended == stop ? 0 : 1;
    }

    /// <summary>
    /// A registry of this process that gives the bench's schema the id the CLI's registry gave it, so the peer reads and
    /// writes the same Confluent wire-format bytes as our runtime without a registry server between the processes.
    /// </summary>
    private static async Task<ISchemaRegistryClient> SameIdRegistryAsync(int schemaId)
    {
        var registry = new InMemorySchemaRegistry();
        var id = await registry.RegisterSchemaAsync("bench-orders", new Schema(OrderPlaced.Schema.ToJson(), SchemaType.Avro));
        return id == schemaId
            ? registry
            : throw new InvalidOperationException($"The peer's registry gave the bench schema id {id}, the CLI's gave it {schemaId}.");
    }

    private static void WaitForStop(TextReader input)
    {
        while (input.ReadLine() is { } line)
        {
            if (line.Trim() == PeerProtocol.Stop) return;
        }
    }
}
