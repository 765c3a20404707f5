using System.Diagnostics;

namespace OrderStreams.Streams.Internals.Tracing;

/// <summary>A started span (or none), and the span that was current before it, which ending it makes current again.</summary>
internal readonly struct SpanScope(Activity? span, Activity? previous) : IDisposable
{
    public Activity? Span => span;

    public void Dispose()
    {
        if (span is null) return;
        span.Dispose();
        Activity.Current = previous;
    }
}
