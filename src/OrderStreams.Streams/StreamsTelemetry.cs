namespace OrderStreams.Streams;

/// <summary>The names under which the runtime reports what it does, for an OpenTelemetry tracer provider to listen to.</summary>
public static class StreamsTelemetry
{
    /// <summary>
    /// The <see cref="System.Diagnostics.ActivitySource"/> of the runtime's spans: one per processed record (kind
    /// consumer) and one per produced record (kind producer). Without a listener the runtime creates none, and
    /// records keep the headers they came with.
    /// </summary>
    public const string ActivitySourceName = "OrderStreams.Streams";
}
