using System.Collections.Concurrent;
using OrderStreams.Contracts.Events;
using OrderStreams.Simulator;
using OrderStreams.Simulator.Kafka;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>
/// Runs the simulator on the wall clock on its own thread, as the dev platform does, and plays the driver app with
/// it. Jobs for orders chosen by <paramref name="holdBack"/> are kept back until <see cref="ReleaseHeld"/>, so those
/// orders stay live (driver assigned) for as long as the test needs them to.
/// </summary>
internal sealed class TrafficDriver(TrafficSimulator simulator, KafkaTrafficSink kafka, DriverAssignmentFeed feed, Func<OrderDriverAssigned, bool> holdBack) : IDisposable
{
    private readonly ConcurrentQueue<Action<TrafficSimulator>> actions = new();
    private readonly List<OrderDriverAssigned> held = [];
    private readonly CancellationTokenSource stop = new();
    private Thread? thread;
    private volatile bool released;

    public void Start()
    {
        simulator.Start(DateTimeOffset.UtcNow);
        thread = new Thread(Run) { IsBackground = true, Name = "traffic" };
        thread.Start();
    }

    /// <summary>Runs <paramref name="action"/> on the simulation thread and returns its result.</summary>
    public Task<T> Do<T>(Func<TrafficSimulator, T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        actions.Enqueue(s =>
        {
            try
            {
                done.SetResult(action(s));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>The jobs kept back so far.</summary>
    public Task<IReadOnlyList<OrderDriverAssigned>> Held() => Do<IReadOnlyList<OrderDriverAssigned>>(_ => held.ToList());

    /// <summary>Hands the kept-back jobs to the driver app; later ones go through at once.</summary>
    public Task<int> ReleaseHeld() => Do(s =>
    {
        released = true;
        foreach (var job in held) s.OnDriverAssigned(job);
        var count = held.Count;
        held.Clear();
        return count;
    });

    public void Dispose()
    {
        stop.Cancel();
        thread?.Join(TimeSpan.FromSeconds(10));
        kafka.Flush(TimeSpan.FromSeconds(10));
        stop.Dispose();
    }

    private void Run()
    {
        while (!stop.IsCancellationRequested)
        {
            while (actions.TryDequeue(out var action)) action(simulator);
            while (feed.TryTake(out var job))
            {
                if (!released && holdBack(job)) held.Add(job);
                else simulator.OnDriverAssigned(job);
            }
            simulator.AdvanceTo(DateTimeOffset.UtcNow);
            Thread.Sleep(10);
        }
    }
}
