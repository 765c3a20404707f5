using System.Runtime.CompilerServices;

namespace OrderStreams.OrderFlow;

/// <summary>
/// When each entity of a store is next due for housekeeping, so that a check visits the entities due by then instead of
/// every entity the store keeps (payment-completion keeps a day of settled orders and checked them all every ten
/// seconds). In memory, one per store instance and shared by every processor writing the store: a write makes the
/// entity due at the next check, whose visit schedules it at the time its state names. The first check visits the whole
/// store and so builds the index; a new task instance (after a rebalance or a restore) has a new store and a new index.
/// </summary>
internal sealed class DueIndex
{
    private static readonly ConditionalWeakTable<object, DueIndex> Instances = new();

    private readonly SortedSet<(long Due, string Key)> queue = new(Comparer<(long Due, string Key)>.Create((a, b) =>
        a.Due != b.Due ? a.Due.CompareTo(b.Due) : string.CompareOrdinal(a.Key, b.Key)));
    private readonly Dictionary<string, long> dueOf = new(StringComparer.Ordinal);

    public static DueIndex Of(object store) => Instances.GetValue(store, _ => new DueIndex());

    /// <summary>False until the first check has visited the whole store.</summary>
    public bool Built { get; set; }

    public int Count => dueOf.Count;

    /// <summary>The entity was written: due at the next check. Before the index is built, that check visits it anyway.</summary>
    public void Changed(string key)
    {
        if (Built) Schedule(key, long.MinValue);
    }

    /// <summary>Due at <paramref name="due"/> (Unix ms), or never (null: the entity is gone).</summary>
    public void Schedule(string key, long? due)
    {
        if (dueOf.Remove(key, out var previous)) queue.Remove((previous, key));
        if (due is not { } at) return;
        dueOf[key] = at;
        queue.Add((at, key));
    }

    /// <summary>Takes out the keys due at or before <paramref name="time"/>, earliest first.</summary>
    public List<string> TakeDue(long time)
    {
        var due = new List<string>();
        while (queue.Count > 0 && queue.Min is { } first && first.Due <= time)
        {
            queue.Remove(first);
            dueOf.Remove(first.Key);
            due.Add(first.Key);
        }
        return due;
    }
}
