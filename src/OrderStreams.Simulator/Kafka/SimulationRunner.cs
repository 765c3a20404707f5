namespace OrderStreams.Simulator.Kafka;

/// <summary>Runs a <see cref="TrafficSimulator"/> on the wall clock against Kafka until stopped.</summary>
public static class SimulationRunner
{
    /// <summary>Starts the simulation now and advances it every few milliseconds, feeding it the pipeline's driver assignments.</summary>
    public static async Task RunAsync(TrafficSimulator simulator, KafkaTrafficSink sink, DriverAssignmentFeed feed, CancellationToken stop)
    {
        simulator.Start(DateTimeOffset.UtcNow);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
            {
                while (feed.TryTake(out var assignment)) simulator.OnDriverAssigned(assignment);
                simulator.AdvanceTo(DateTimeOffset.UtcNow);
            }
        }
        catch (OperationCanceledException)
        {
        }
        sink.Flush(TimeSpan.FromSeconds(10));
    }
}
