namespace OrderStreams.Hosting.Streams;

/// <summary>
/// This instance's state directory. <c>{slot}</c> in <c>Streams:StateDir</c> (e.g. <c>/var/lib/orderstreams/{slot}</c>)
/// becomes <c>slot-0</c>, <c>slot-1</c>, …: the first one no running instance holds, locked for the life of the process.
/// Replicas that share one volume (<c>docker compose up --scale</c>) then never open the same stores, and a restarted
/// replica takes a free slot with its checkpointed stores (any slot's checkpoints are valid for any instance of the application).
/// </summary>
internal sealed class StateDirectory : IDisposable
{
    public const string SlotPlaceholder = "{slot}";

    private const string LockFileName = ".instance.lock";
    private const int MaxSlots = 1024;

    private readonly FileStream? lockFile;

    private StateDirectory(string path, FileStream? lockFile)
    {
        Path = path;
        this.lockFile = lockFile;
    }

    public string Path { get; }

    /// <summary>Resolves <paramref name="configured"/>, claiming a slot when it holds <see cref="SlotPlaceholder"/>.</summary>
    /// <exception cref="IOException">Every slot is held by a running instance.</exception>
    public static StateDirectory Claim(string configured)
    {
        if (!configured.Contains(SlotPlaceholder, StringComparison.Ordinal)) return new StateDirectory(System.IO.Path.GetFullPath(configured), null);
        for (var slot = 0; slot < MaxSlots; slot++)
        {
            var path = System.IO.Path.GetFullPath(configured.Replace(SlotPlaceholder, $"slot-{slot}", StringComparison.Ordinal));
            Directory.CreateDirectory(path);
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock on Unix), which the kernel drops when the process dies.
                return new StateDirectory(path, new FileStream(System.IO.Path.Combine(path, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                // Held by another running instance: try the next slot.
            }
        }
        throw new IOException($"Streams:StateDir '{configured}': all {MaxSlots} slots are held by running instances.");
    }

    public void Dispose() => lockFile?.Dispose();
}
