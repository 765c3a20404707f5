using Microsoft.AspNetCore.Http;

namespace OrderStreams.Hosting.Streams;

/// <summary>
/// How a query API lets callers read stores that are still restoring: they ask with <c>?stale=true</c>, and an answer
/// that used restoring partitions says so in the <c>Stale-Partitions</c> header (their numbers, comma-separated).
/// Without the parameter such a query answers 503 with the restore's progress (<see cref="Problems.ServiceProblem.Restoring"/>).
/// </summary>
public static class StaleReads
{
    public const string Parameter = "stale";

    public const string Header = "Stale-Partitions";

    public static bool Requested(HttpRequest request) => request.Query[Parameter] == "true";

    /// <summary>Marks the response as answered from the restoring <paramref name="partitions"/> (nothing when there are none).</summary>
    public static void Mark(HttpResponse response, IEnumerable<int> partitions)
    {
        var stale = partitions.Distinct().Order().ToList();
        if (stale.Count > 0) response.Headers[Header] = string.Join(",", stale);
    }
}
