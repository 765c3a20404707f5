using OrderStreams.Bench.Rebalance;
using OrderStreams.Streams;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Bench.Peer;

/// <summary>
/// Our runtime's instances for the <see cref="ScaleOutBench"/>: <see cref="KafkaStreams"/> objects in this process, with
/// the default group protocol.
/// </summary>
public sealed class RuntimeScaling : IScalingEngine
{
    public string Name => "runtime";

    public async Task<IAsyncDisposable> StartInstanceAsync(
        BenchEnvironment environment, string applicationId, int instance, string input, string output, CancellationToken cancellation)
    {
        var config = environment.Streams(applicationId);
        config.StateDir = Path.Combine(environment.StateDirectory, applicationId, $"instance-{instance}");
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<byte[], string>.With(Serdes.ByteArray, Serdes.String))
            .MapValues(source => ProcessingLog.Stamp(source, instance))
            .To(output, Produced<byte[], string>.With(Serdes.ByteArray, Serdes.String));
        var streams = new KafkaStreams(builder.Build(), config);
        await streams.StartAsync(cancellation);
        return new Stopper(streams);
    }

    private sealed class Stopper(KafkaStreams streams) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            streams.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
