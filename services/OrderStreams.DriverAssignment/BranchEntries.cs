using System.Runtime.CompilerServices;
using OrderStreams.Streams.State;

namespace OrderStreams.DriverAssignment;

/// <summary>
/// A task's store in memory, per branch (keys <c>branchId/…</c>, in key order), in front of the store itself: reading
/// a branch's drivers or queue for every accepted order meant a RocksDB range scan, which deserialised every driver and,
/// in the queue, stepped over the tombstones of every order that had left it — most of driver-assignment's time in the
/// pipeline profile. The store stays the truth and is written first; a branch is loaded from it the first time it is
/// read. One instance per store instance, shared by the task's processors, so a change one of them makes is seen by
/// the others; a new task instance (after a rebalance or a restore) has a new store and so new entries.
/// </summary>
internal sealed class BranchEntries<V>
    where V : class
{
    private static readonly ConditionalWeakTable<IKeyValueStore<string, V>, BranchEntries<V>> Instances = new();

    private readonly IKeyValueStore<string, V> store;
    private readonly Dictionary<string, SortedDictionary<string, V>> branches = new(StringComparer.Ordinal);

    private BranchEntries(IKeyValueStore<string, V> store) => this.store = store;

    public static BranchEntries<V> Of(IKeyValueStore<string, V> store) => Instances.GetValue(store, s => new BranchEntries<V>(s));

    public static string Key(string branchId, string id) => $"{branchId}/{id}";

    public V? Get(string key) => Branch(BranchOf(key)).GetValueOrDefault(key);

    /// <summary>The branch's entries in key order.</summary>
    public IEnumerable<KeyValuePair<string, V>> Entries(string branchId) => Branch(branchId);

    public void Put(string key, V value)
    {
        store.Put(key, value);
        Branch(BranchOf(key))[key] = value;
    }

    public void Delete(string key)
    {
        store.Delete(key);
        Branch(BranchOf(key)).Remove(key);
    }

    /// <summary>Every entry in the store, for the task's repairs at start-up.</summary>
    public IReadOnlyList<V> All() => store.All().Select(e => e.Value).ToList();

    private static string BranchOf(string key) => key[..key.IndexOf('/')];

    // '/' sorts just before '0', so the range [branch + "/", branch + "0"] holds exactly the branch's keys.
    private SortedDictionary<string, V> Branch(string branchId)
    {
        if (branches.TryGetValue(branchId, out var entries)) return entries;
        entries = new SortedDictionary<string, V>(StringComparer.Ordinal);
        foreach (var entry in store.Range(branchId + "/", branchId + "0")) entries[entry.Key] = entry.Value;
        branches[branchId] = entries;
        return entries;
    }
}
