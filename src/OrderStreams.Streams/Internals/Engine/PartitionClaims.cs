namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Who owns which partition now, from the claims read back from the instance registry topic. Each instance claims its
/// whole assignment under a claim id that changes only when the assignment does, and repeats the claim as a
/// heartbeat. A partition belongs to the live instance whose current claim on it was made last (first read at the
/// highest offset of the single-partition topic, so no clocks are compared); an instance not heard from within the
/// expiry, or that removed itself, owns nothing. Not thread-safe: the registry's reader thread applies records and
/// readers take <see cref="Owners"/> snapshots.
/// </summary>
internal sealed class PartitionClaims(TimeSpan expiry)
{
    private readonly Dictionary<string, Claim> claims = new(StringComparer.Ordinal);

    /// <summary>
    /// Applies a claim read at <paramref name="offset"/> of the registry topic, heard at <paramref name="heardAt"/> (the
    /// reader's clock).
    /// </summary>
    public void Apply(string instance, string claimId, IReadOnlySet<int> partitions, long offset, DateTimeOffset heardAt)
    {
        var made = claims.TryGetValue(instance, out var known) && known.Id == claimId ? known.MadeAt : offset;
        claims[instance] = new Claim(claimId, partitions, made, heardAt);
    }

    /// <summary>The instance closed (or its claims were removed): it owns nothing any more.</summary>
    public void Remove(string instance) => claims.Remove(instance);

    /// <summary>Each live instance that owns at least one partition now, with the partitions it owns.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<int>> Owners(DateTimeOffset now)
    {
        var live = claims.Where(c => now - c.Value.HeardAt <= expiry).ToList();
        var owner = new Dictionary<int, (string Instance, long MadeAt)>();
        foreach (var (instance, claim) in live)
        {
            foreach (var partition in claim.Partitions)
            {
                if (!owner.TryGetValue(partition, out var current) || claim.MadeAt > current.MadeAt)
                    owner[partition] = (instance, claim.MadeAt);
            }
        }
        return owner.GroupBy(o => o.Value.Instance, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(o => o.Key).ToHashSet(), StringComparer.Ordinal);
    }

    private sealed record Claim(string Id, IReadOnlySet<int> Partitions, long MadeAt, DateTimeOffset HeardAt);
}
