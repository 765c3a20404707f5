namespace OrderStreams.Platform;

/// <summary>One instance's lag over a run: how high it rose, when, and where it ended.</summary>
/// <param name="Service">Service name.</param>
/// <param name="ApplicationId">Its application id and consumer group.</param>
/// <param name="PeakLag">The highest lag (records) any sample saw.</param>
/// <param name="PeakAtSeconds">When the peak was first seen, in seconds since the monitor's first sample.</param>
/// <param name="PeakDuringRush">Whether the simulator was in a rush when the peak was seen.</param>
/// <param name="LastLag">The lag in the last sample that saw the instance.</param>
public sealed record ServiceLagSummary(
    string Service, string ApplicationId, long PeakLag, double PeakAtSeconds, bool PeakDuringRush, long LastLag);
