namespace OrderStreams.Simulator;

/// <summary>Actions due at points in time, run in time order (ties in the order they were scheduled).</summary>
internal sealed class EventQueue
{
    private readonly PriorityQueue<Action, (DateTimeOffset Due, long Sequence)> due = new();
    private long sequence;

    public DateTimeOffset Now { get; private set; }

    public EventQueue(DateTimeOffset start) => Now = start;

    public void At(DateTimeOffset when, Action action) => due.Enqueue(action, (when < Now ? Now : when, sequence++));

    public void After(TimeSpan delay, Action action) => At(Now + delay, action);

    /// <summary>Runs everything due up to <paramref name="until"/>, moving <see cref="Now"/> along with each action.</summary>
    public void RunUntil(DateTimeOffset until)
    {
        while (due.TryPeek(out var action, out var key) && key.Due <= until)
        {
            due.Dequeue();
            Now = key.Due;
            action();
        }
        if (until > Now) Now = until;
    }
}
