namespace OrderStreams.Platform;

/// <summary>What <c>orderstreams dev --summary-json</c> writes at the end of a run.</summary>
/// <param name="Funnel">The final order funnel.</param>
/// <param name="Services">Per instance, the peak lag of the run and the lag at its end.</param>
public sealed record DevSummary(Funnel Funnel, IReadOnlyList<ServiceLagSummary> Services);
