using OrderStreams.Simulator;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>dev</c>'s rush options: every <paramref name="EverySeconds"/> a rush of <paramref name="LengthSeconds"/> at
/// <paramref name="Multiplier"/> times the usual rate.
/// </summary>
internal sealed record DevRushOptions(double Multiplier, double EverySeconds, double LengthSeconds)
{
    /// <summary>Why the options make no rush schedule, or null when they do.</summary>
    public string? Problem =>
        !(Multiplier >= 1) ? $"--rush-multiplier must be at least 1 (a rush brings more orders, not fewer); got {Multiplier}."
        : !(EverySeconds > 0) ? $"--rush-every must be a positive number of seconds; got {EverySeconds}."
        : !(LengthSeconds > 0) ? $"--rush-seconds must be a positive number of seconds; got {LengthSeconds}."
        : LengthSeconds >= EverySeconds
            ? $"--rush-seconds ({LengthSeconds}) must be shorter than --rush-every ({EverySeconds}), so the lag can drain between rushes."
        : null;

    public SimulatorOptions ApplyTo(SimulatorOptions simulator) => simulator with
    {
        RushMultiplier = Multiplier,
        RushEvery = TimeSpan.FromSeconds(EverySeconds),
        RushLength = TimeSpan.FromSeconds(LengthSeconds),
    };
}
