using OrderStreams.Streams.Processor;

namespace OrderStreams.OrderFlow;

/// <summary>
/// Runs an action once, on a new task instance's first wall-clock punctuation: every processor of the task is
/// initialised by then, so what the action forwards reaches initialised nodes.
/// </summary>
public static class FirstTick
{
    public static void Schedule<KOut, VOut>(IProcessorContext<KOut, VOut> context, Action action)
    {
        IDisposable? once = null;
        once = context.Schedule(TimeSpan.FromMilliseconds(1), PunctuationType.WallClockTime, _ =>
        {
            once!.Dispose();
            action();
        });
    }
}
