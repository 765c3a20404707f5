using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace OrderStreams.Streams.Internals.Tracing;

/// <summary>
/// W3C trace context in Kafka headers, and the spans of processing and producing a record, named and tagged after
/// OpenTelemetry's messaging semantic conventions. Every method returns at once when nobody listens.
/// </summary>
internal static class RecordTracing
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    private static readonly ActivitySource Source = new(StreamsTelemetry.ActivitySourceName, typeof(RecordTracing).Assembly.GetName().Version?.ToString());

    public static bool Enabled => Source.HasListeners();

    /// <summary>The span of processing one input record: a child of the context in its headers, or a new trace without one.</summary>
    public static SpanScope StartProcess(ConsumeResult<byte[], byte[]> raw, string consumerGroup)
    {
        if (!Source.HasListeners()) return default;
        var previous = Activity.Current;
        var parent = ContextOf(raw.Message.Headers);
        // A record from outside starts a new trace, whatever span the thread may be in.
        if (parent == default) Activity.Current = null;
        var activity = Source.StartActivity($"process {raw.Topic}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            TagDestination(activity, "process", raw.Topic, raw.Partition.Value);
            activity.SetTag("messaging.kafka.offset", raw.Offset.Value);
            activity.SetTag("messaging.consumer.group.name", consumerGroup);
        }
        return new SpanScope(activity, previous);
    }

    /// <summary>
    /// The span of producing one record, and the headers to send it with (its context in <c>traceparent</c>). The
    /// span's parent is the context a processor put on the record (<see cref="Processor.Record{K,V}.WithTraceParent"/>:
    /// a record about another order than the one being processed, or one emitted by a punctuation), linked to the span
    /// being processed; otherwise the span being processed; otherwise (a cache flush) the context the record carries.
    /// </summary>
    public static SpanScope StartSend(string topic, int? partition, object? key, Headers? headers, Headers? input, out Headers? sendHeaders)
    {
        sendHeaders = headers;
        if (!Source.HasListeners()) return default;
        var current = Activity.Current;
        var carried = TraceParentOf(headers);
        var ownContext = carried is not null && (current is null || !ReferenceEquals(headers, input) && carried != TraceParentOf(input));
        ActivityContext parent = default;
        ActivityLink[]? links = null;
        if (ownContext && ActivityContext.TryParse(carried, TraceStateOf(headers), isRemote: true, out var context))
        {
            parent = context;
            if (current is not null && current.SpanId != context.SpanId) links = [new ActivityLink(current.Context)];
        }
        else if (current is not null) parent = current.Context;
        if (parent == default) Activity.Current = null;

        var activity = Source.StartActivity(ActivityKind.Producer, parent, links: links, name: $"send {topic}");
        if (activity is { IsAllDataRequested: true })
        {
            TagDestination(activity, "send", topic, partition);
            if (key is not null) activity.SetTag("messaging.kafka.message.key", Convert.ToString(key, CultureInfo.InvariantCulture));
        }
        var sent = activity ?? (ownContext ? null : current);
        if (sent is not null) sendHeaders = WithTraceParent(headers, sent.Id!, sent.TraceStateString);
        return new SpanScope(activity, current);
    }

    /// <summary>Tags the span being processed with the record's key, once the source deserialized it.</summary>
    public static void TagKey(Activity? processing, object? key)
    {
        if (processing is { IsAllDataRequested: true } && key is not null)
            processing.SetTag("messaging.kafka.message.key", Convert.ToString(key, CultureInfo.InvariantCulture));
    }

    public static string? TraceParentOf(Headers? headers) =>
        headers is not null && headers.TryGetLastBytes(TraceParentHeader, out var bytes) ? Encoding.ASCII.GetString(bytes) : null;

    /// <summary>A copy of <paramref name="headers"/> (shared with the input record and its other copies) carrying <paramref name="traceParent"/>.</summary>
    public static Headers WithTraceParent(Headers? headers, string traceParent, string? traceState)
    {
        var copy = new Headers();
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                if (header.Key is not (TraceParentHeader or TraceStateHeader)) copy.Add(header.Key, header.GetValueBytes());
            }
        }
        copy.Add(TraceParentHeader, Encoding.ASCII.GetBytes(traceParent));
        if (!string.IsNullOrEmpty(traceState)) copy.Add(TraceStateHeader, Encoding.ASCII.GetBytes(traceState));
        return copy;
    }

    private static ActivityContext ContextOf(Headers? headers) =>
        TraceParentOf(headers) is { } traceParent && ActivityContext.TryParse(traceParent, TraceStateOf(headers), isRemote: true, out var context)
            ? context
            : default;

    private static string? TraceStateOf(Headers? headers) =>
        headers is not null && headers.TryGetLastBytes(TraceStateHeader, out var bytes) ? Encoding.ASCII.GetString(bytes) : null;

    private static void TagDestination(Activity activity, string operation, string topic, int? partition)
    {
        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.operation.type", operation);
        activity.SetTag("messaging.operation.name", operation);
        activity.SetTag("messaging.destination.name", topic);
        if (partition is { } p) activity.SetTag("messaging.destination.partition.id", p.ToString(CultureInfo.InvariantCulture));
    }
}
