using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using OpenTelemetry;
using OpenTelemetry.Trace;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestDriver;

namespace OrderStreams.Streams.Tests.Tracing;

/// <summary>The runtime's spans as an OpenTelemetry SDK exports them (InMemory exporter), and the trace context the output carries.</summary>
[Collection(TracingCollection.Name)]
public sealed class RecordTracingTests : IDisposable
{
    private const string UpstreamTraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private const string OrderTraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private readonly string input = $"tracing-in-{Guid.NewGuid():N}";
    private readonly string output = $"tracing-out-{Guid.NewGuid():N}";
    private readonly List<Activity> exported = [];
    private readonly TracerProvider provider;

    public RecordTracingTests()
    {
        provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(StreamsTelemetry.ActivitySourceName)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(exported)
            .Build()!;
    }

    /// <summary>Forwards every record; "hold" keeps its trace context instead, and a punctuation or "release" later emits "held" in that context.</summary>
    private sealed class HoldingProcessor : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string> context = null!;
        private string? held;

        public void Init(IProcessorContext<string, string> processorContext)
        {
            context = processorContext;
            context.Schedule(TimeSpan.FromSeconds(1), PunctuationType.WallClockTime, _ => Release(0));
        }

        public void Process(Record<string, string> record)
        {
            switch (record.Value)
            {
                case "hold":
                    held = context.TraceParent;
                    break;
                case "release":
                    Release(record.Timestamp);
                    break;
                default:
                    context.Forward(record.WithValue(record.Value.ToUpperInvariant()));
                    break;
            }
        }

        private void Release(long timestamp)
        {
            if (held is null) return;
            context.Forward(new Record<string, string>("order-1", "held", timestamp).WithTraceParent(held));
            held = null;
        }
    }

    [Fact]
    public void Process_RecordWithTraceParent_ContinuesItsTraceWithConsumerAndProducerSpans()
    {
        using var driver = Drive();
        driver.CreateInputTopic(input, Serdes.String, Serdes.String).PipeInput("branch-1", "a", 1_000, TraceHeaders(UpstreamTraceParent));
        var record = driver.CreateOutputTopic(output, Serdes.String, Serdes.String).ReadRecord();
        Flush();

        var process = Single(ActivityKind.Consumer);
        var send = Single(ActivityKind.Producer);
        Assert.Equal($"process {input}", process.DisplayName);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", process.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", process.ParentSpanId.ToHexString());
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["messaging.system"] = "kafka",
                ["messaging.operation.type"] = "process",
                ["messaging.operation.name"] = "process",
                ["messaging.destination.name"] = input,
                ["messaging.destination.partition.id"] = "0",
                ["messaging.kafka.offset"] = 0L,
                ["messaging.consumer.group.name"] = "test-driver",
                ["messaging.kafka.message.key"] = "branch-1",
            },
            process.TagObjects.ToDictionary(t => t.Key, t => t.Value));
        Assert.Equal($"send {output}", send.DisplayName);
        Assert.Equal(process.SpanId, send.ParentSpanId);
        Assert.Equal(process.TraceId, send.TraceId);
        Assert.Equal("send", send.GetTagItem("messaging.operation.type"));
        Assert.Equal(output, send.GetTagItem("messaging.destination.name"));
        Assert.Equal("branch-1", send.GetTagItem("messaging.kafka.message.key"));
        Assert.Empty(send.Links);
        Assert.Equal(send.Id, TraceParentOf(record.Headers));
    }

    [Fact]
    public void Process_RecordWithoutTraceParent_StartsANewTrace()
    {
        using var driver = Drive();
        driver.CreateInputTopic(input, Serdes.String, Serdes.String).PipeInput("branch-1", "a", 1_000);
        var record = driver.CreateOutputTopic(output, Serdes.String, Serdes.String).ReadRecord();
        Flush();

        var process = Single(ActivityKind.Consumer);
        Assert.Equal(default, process.ParentSpanId);
        Assert.Equal(Single(ActivityKind.Producer).Id, TraceParentOf(record.Headers));
        Assert.StartsWith($"00-{process.TraceId.ToHexString()}-", TraceParentOf(record.Headers));
    }

    [Fact]
    public void Forward_WithTraceParentOfAnotherRecord_ContinuesThatTraceLinkedToTheRecordBeingProcessed()
    {
        using var driver = Drive();
        var topic = driver.CreateInputTopic(input, Serdes.String, Serdes.String);
        topic.PipeInput("branch-1", "hold", 1_000, TraceHeaders(OrderTraceParent));
        topic.PipeInput("branch-1", "release", 2_000, TraceHeaders(UpstreamTraceParent));
        var record = driver.CreateOutputTopic(output, Serdes.String, Serdes.String).ReadRecord();
        Flush();

        var holding = Spans(ActivityKind.Consumer).Single(s => s.TraceId.ToHexString() == "4bf92f3577b34da6a3ce929d0e0e4736");
        var releasing = Spans(ActivityKind.Consumer).Single(s => s != holding);
        var send = Single(ActivityKind.Producer);
        Assert.Equal(holding.TraceId, send.TraceId);
        Assert.Equal(holding.SpanId, send.ParentSpanId);
        Assert.Equal(releasing.Context, Assert.Single(send.Links).Context);
        Assert.Equal(send.Id, TraceParentOf(record.Headers));
    }

    [Fact]
    public void Punctuate_EmitsWithKeptTraceParent_ContinuesThatTraceWithoutLinks()
    {
        using var driver = Drive();
        driver.CreateInputTopic(input, Serdes.String, Serdes.String).PipeInput("branch-1", "hold", 1_000, TraceHeaders(OrderTraceParent));
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(2));
        var record = driver.CreateOutputTopic(output, Serdes.String, Serdes.String).ReadRecord();
        Flush();

        var holding = Single(ActivityKind.Consumer);
        var send = Single(ActivityKind.Producer);
        Assert.Equal("held", record.Value);
        Assert.Equal(holding.SpanId, send.ParentSpanId);
        Assert.Empty(send.Links);
        Assert.Equal(send.Id, TraceParentOf(record.Headers));
    }

    [Fact]
    public void Process_TraceNotSampled_ExportsNothingButPropagatesTheTrace()
    {
        provider.Dispose();
        using var notSampling = Sdk.CreateTracerProviderBuilder()
            .AddSource(StreamsTelemetry.ActivitySourceName)
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(0)))
            .AddInMemoryExporter(exported)
            .Build()!;
        using var driver = Drive();
        driver.CreateInputTopic(input, Serdes.String, Serdes.String).PipeInput("branch-1", "a", 1_000, TraceHeaders(UpstreamTraceParent.Replace("-01", "-00")));
        var record = driver.CreateOutputTopic(output, Serdes.String, Serdes.String).ReadRecord();
        notSampling.ForceFlush();

        Assert.Empty(Spans(ActivityKind.Consumer).Concat(Spans(ActivityKind.Producer)));
        Assert.Matches("^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00$", TraceParentOf(record.Headers));
        Assert.NotEqual(UpstreamTraceParent.Replace("-01", "-00"), TraceParentOf(record.Headers));
    }

    [Fact]
    public void Process_NobodyListening_CreatesNoSpanAndLeavesHeadersAlone()
    {
        provider.Dispose();
        using var driver = Drive();
        driver.CreateInputTopic(input, Serdes.String, Serdes.String).PipeInput("branch-1", "a", 1_000, TraceHeaders(UpstreamTraceParent));
        var record = driver.CreateOutputTopic(output, Serdes.String, Serdes.String).ReadRecord();

        Assert.Empty(Spans(ActivityKind.Consumer).Concat(Spans(ActivityKind.Producer)));
        Assert.Equal(UpstreamTraceParent, TraceParentOf(record.Headers));
    }

    public void Dispose() => provider.Dispose();

    private TopologyTestDriver Drive()
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .Process(() => new HoldingProcessor())
            .To(output, Produced<string, string>.With(Serdes.String, Serdes.String));
        return new TopologyTestDriver(builder.Build());
    }

    private void Flush() => provider.ForceFlush();

    private List<Activity> Spans(ActivityKind kind) =>
        exported.Where(s => s.Kind == kind && (s.DisplayName.EndsWith(input, StringComparison.Ordinal) || s.DisplayName.EndsWith(output, StringComparison.Ordinal))).ToList();

    private Activity Single(ActivityKind kind) => Assert.Single(Spans(kind));

    private static Headers TraceHeaders(string traceParent) => new() { { "traceparent", Encoding.ASCII.GetBytes(traceParent) } };

    private static string? TraceParentOf(Headers headers) =>
        headers.TryGetLastBytes("traceparent", out var bytes) ? Encoding.ASCII.GetString(bytes) : null;
}
