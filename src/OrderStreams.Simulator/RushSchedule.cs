namespace OrderStreams.Simulator;

/// <summary>
/// When the rush is on: the last <see cref="SimulatorOptions.RushLength"/> of every <see cref="SimulatorOptions.RushEvery"/>
/// since the simulation started, at <see cref="SimulatorOptions.RushMultiplier"/> times the rate. The arrival process and
/// what the platform shows both ask here, so they agree on when a rush is on.
/// </summary>
public static class RushSchedule
{
    public static TrafficRate At(SimulatorOptions options, TimeSpan sinceStart)
    {
        var phase = sinceStart.Ticks % options.RushEvery.Ticks;
        var inRush = phase >= (options.RushEvery - options.RushLength).Ticks;
        return new TrafficRate(options.OrdersPerSecond * (inRush ? options.RushMultiplier : 1), inRush);
    }
}
