using OrderStreams.Avro.Resolution;
using OrderStreams.SchemaRegistry.Server.Http;

namespace OrderStreams.SchemaRegistry.Server.Storage;

/// <summary>
/// The registry's state and its Confluent semantics: global ids shared by identical schemas across subjects,
/// per-subject versions with soft and permanent deletes, and compatibility checks by the subject's (or the
/// global) level. Every change is written to the <see cref="RegistryLog"/> before it is applied.
/// </summary>
/// <remarks>One lock guards everything: registrations are rare and the fsync dominates; reads are dictionary look-ups.</remarks>
internal sealed class SchemaStore : IDisposable
{
    public const CompatibilityMode DefaultLevel = CompatibilityMode.Backward;

    private readonly Lock gate = new();
    private readonly RegistryLog log;
    private readonly Dictionary<int, StoredSchema> schemasById = [];
    private readonly Dictionary<string, int> idsByGuid = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, List<SubjectEntry>> subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompatibilityMode> subjectLevels = new(StringComparer.Ordinal);
    private CompatibilityMode globalLevel = DefaultLevel;
    private int nextId = 1;

    private SchemaStore(RegistryLog log) => this.log = log;

    /// <summary>Opens the log in <paramref name="dataDir"/> and replays it.</summary>
    public static SchemaStore Open(string dataDir)
    {
        var (log, entries) = RegistryLog.Open(dataDir);
        var store = new SchemaStore(log);
        try
        {
            foreach (var entry in entries) store.Apply(entry);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public void Dispose() => log.Dispose();

    public IReadOnlyList<string> Subjects(bool includeDeleted)
    {
        lock (gate)
        {
            return subjects.Where(s => s.Value.Any(v => includeDeleted || !v.Deleted)).Select(s => s.Key).ToList();
        }
    }

    /// <summary>Every version of the subjects that start with <paramref name="prefix"/>, or only each one's latest.</summary>
    public IReadOnlyList<RegisteredSchema> AllVersions(string prefix, bool includeDeleted, bool latestOnly)
    {
        lock (gate)
        {
            return subjects.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal))
                .SelectMany(s => s.Value.Where(v => includeDeleted || !v.Deleted).TakeLast(latestOnly ? 1 : int.MaxValue)
                    .Select(v => ToRegistered(s.Key, v)))
                .ToList();
        }
    }

    public IReadOnlyList<int> Versions(string subject, bool includeDeleted)
    {
        lock (gate)
        {
            return Entries(subject, includeDeleted).Select(v => v.Version).ToList();
        }
    }

    /// <param name="version">A version number, or null for the latest.</param>
    public RegisteredSchema Version(string subject, int? version, bool includeDeleted)
    {
        lock (gate)
        {
            return ToRegistered(subject, Find(subject, version, includeDeleted));
        }
    }

    public StoredSchema Schema(int id)
    {
        lock (gate)
        {
            return schemasById.TryGetValue(id, out var schema) ? schema : throw RegistryRequestException.SchemaNotFound(id.ToString());
        }
    }

    public StoredSchema Schema(string guid)
    {
        lock (gate)
        {
            return idsByGuid.TryGetValue(guid, out var id) ? schemasById[id] : throw RegistryRequestException.SchemaNotFound(guid);
        }
    }

    public IReadOnlyList<SubjectVersion> Usages(int id)
    {
        lock (gate)
        {
            if (!schemasById.ContainsKey(id)) throw RegistryRequestException.SchemaNotFound(id.ToString());
            return subjects
                .SelectMany(s => s.Value.Where(v => v.Id == id && !v.Deleted).Select(v => new SubjectVersion(s.Key, v.Version)))
                .ToList();
        }
    }

    /// <summary>Registers a schema under <paramref name="subject"/>, or returns the version it already has there.</summary>
    /// <param name="metadata">The schema's metadata; without any, it keeps the latest version's, as Confluent's registry does.</param>
    public RegisteredSchema Register(string subject, string schemaJson, SchemaMetadata? metadata)
    {
        var candidate = AvroSchemaRules.Parse(schemaJson);
        lock (gate)
        {
            var live = LiveNewestFirst(subject);
            var inherited = live.Count > 0 ? schemasById[live[0].Id].Metadata : null;
            var existing = Match(live, candidate, metadata, inherited);
            if (existing is not null) return ToRegistered(subject, existing);

            var messages = AvroSchemaRules.Check(LevelOf(subject), candidate, Parsed(live));
            if (messages.Count > 0) throw RegistryRequestException.Incompatible(subject, messages);

            metadata ??= inherited;
            var id = idsByGuid.TryGetValue(SchemaGuid.Of(candidate.Text, metadata), out var known) ? known : nextId;
            var version = subjects.TryGetValue(subject, out var all) && all.Count > 0 ? all.Max(v => v.Version) + 1 : 1;
            Commit(new LogEntry(LogEntry.Register, subject, version, id, candidate.Text, Metadata: metadata));
            return ToRegistered(subject, subjects[subject][^1]);
        }
    }

    public RegisteredSchema Lookup(string subject, string schemaJson, SchemaMetadata? metadata, bool includeDeleted)
    {
        var candidate = AvroSchemaRules.Parse(schemaJson);
        lock (gate)
        {
            var entries = Entries(subject, includeDeleted);
            var latestLive = LiveNewestFirst(subject).FirstOrDefault();
            var match = Match(entries, candidate, metadata, latestLive is null ? null : schemasById[latestLive.Id].Metadata)
                ?? throw RegistryRequestException.SchemaNotFound(null);
            return ToRegistered(subject, match);
        }
    }

    /// <summary>The latest version whose metadata has every one of <paramref name="properties"/>.</summary>
    public RegisteredSchema LatestWithMetadata(string subject, IReadOnlyDictionary<string, string> properties, bool includeDeleted)
    {
        lock (gate)
        {
            var match = Entries(subject, includeDeleted).LastOrDefault(v => schemasById[v.Id].Metadata?.HasProperties(properties) == true)
                ?? throw RegistryRequestException.SchemaNotFound(null);
            return ToRegistered(subject, match);
        }
    }

    /// <summary>Soft-deletes a version, or removes one already soft-deleted when <paramref name="permanent"/>.</summary>
    public int DeleteVersion(string subject, int? version, bool permanent)
    {
        lock (gate)
        {
            var entry = Find(subject, version, includeDeleted: permanent);
            if (permanent && !entry.Deleted)
                throw new RegistryRequestException(404, SchemaRegistryErrorCodes.SchemaVersionNotSoftDeleted,
                    $"Subject '{subject}' Version {entry.Version} was not deleted first before being permanently deleted.");
            Commit(new LogEntry(LogEntry.Delete, subject, entry.Version, Permanent: permanent));
            return entry.Version;
        }
    }

    public IReadOnlyList<int> DeleteSubject(string subject, bool permanent)
    {
        lock (gate)
        {
            var all = Entries(subject, includeDeleted: true);
            if (permanent && all.Any(v => !v.Deleted))
                throw new RegistryRequestException(404, SchemaRegistryErrorCodes.SubjectNotSoftDeleted,
                    $"Subject '{subject}' was not deleted first before being permanently deleted.");
            if (!permanent && all.All(v => v.Deleted))
                throw new RegistryRequestException(404, SchemaRegistryErrorCodes.SubjectSoftDeleted,
                    $"Subject '{subject}' was soft deleted. Set permanent=true to delete permanently.");
            var deleted = all.Where(v => permanent || !v.Deleted).Select(v => v.Version).ToList();
            foreach (var version in deleted) Commit(new LogEntry(LogEntry.Delete, subject, version, Permanent: permanent));
            if (!permanent && subjectLevels.ContainsKey(subject)) Commit(new LogEntry(LogEntry.Config, subject));
            return deleted;
        }
    }

    /// <summary>
    /// Checks <paramref name="schemaJson"/> against one version (<paramref name="version"/> given, or null for the
    /// latest) or, with <paramref name="allByLevel"/>, against the versions the subject's level names; returns the problems.
    /// </summary>
    public IReadOnlyList<string> TestCompatibility(string subject, int? version, bool allByLevel, string schemaJson)
    {
        var candidate = AvroSchemaRules.Parse(schemaJson);
        lock (gate)
        {
            // As Confluent's registry: "latest" of a subject without versions is compatible, a missing version is 40402.
            var live = LiveNewestFirst(subject);
            IEnumerable<SubjectEntry> against = allByLevel ? live
                : version is null ? live.Take(1)
                : [live.Find(v => v.Version == version) ?? throw RegistryRequestException.VersionNotFound(subject, version.Value)];
            return AvroSchemaRules.Check(LevelOf(subject), candidate, Parsed(against));
        }
    }

    /// <summary>The subject's level, or the global one for a null subject; null when the subject has none of its own.</summary>
    public CompatibilityMode? Level(string? subject, bool defaultToGlobal)
    {
        lock (gate)
        {
            if (subject is null) return globalLevel;
            return subjectLevels.TryGetValue(subject, out var level) ? level : defaultToGlobal ? globalLevel : null;
        }
    }

    public void SetLevel(string? subject, CompatibilityMode level)
    {
        lock (gate)
        {
            Commit(new LogEntry(LogEntry.Config, subject, Compatibility: level.ToWireName()));
        }
    }

    /// <summary>Removes the subject's own level (it falls back to the global one); returns the removed level.</summary>
    public CompatibilityMode ClearLevel(string subject)
    {
        lock (gate)
        {
            if (!subjectLevels.TryGetValue(subject, out var level))
            {
                if (!subjects.ContainsKey(subject)) throw RegistryRequestException.SubjectNotFound(subject);
                throw new RegistryRequestException(404, SchemaRegistryErrorCodes.SubjectLevelCompatibilityNotConfigured,
                    $"Subject '{subject}' does not have subject-level compatibility configured.");
            }
            Commit(new LogEntry(LogEntry.Config, subject));
            return level;
        }
    }

    private void Commit(LogEntry entry)
    {
        try
        {
            log.Append(entry);
        }
        catch (IOException e)
        {
            throw new RegistryRequestException(500, SchemaRegistryErrorCodes.StoreError, $"Error while writing to the registry log: {e.Message}");
        }
        Apply(entry);
    }

    private void Apply(LogEntry entry)
    {
        switch (entry.Op)
        {
            case LogEntry.Register:
                var id = entry.Id ?? throw new InvalidDataException("register entry without id");
                var schema = entry.Schema ?? throw new InvalidDataException("register entry without schema");
                if (!schemasById.ContainsKey(id))
                {
                    var parsed = AvroSchemaRules.Parse(schema);
                    var guid = SchemaGuid.Of(parsed.Text, entry.Metadata);
                    schemasById[id] = new StoredSchema(parsed, entry.Metadata, guid);
                    idsByGuid[guid] = id;
                }
                nextId = Math.Max(nextId, id + 1);
                if (!subjects.TryGetValue(entry.Subject!, out var versions)) subjects[entry.Subject!] = versions = [];
                versions.Add(new SubjectEntry(entry.Version!.Value, id));
                break;
            case LogEntry.Delete:
                var index = subjects.TryGetValue(entry.Subject!, out var list) ? list.FindIndex(v => v.Version == entry.Version) : -1;
                if (index < 0) throw new InvalidDataException($"The log deletes version {entry.Version} of '{entry.Subject}', which it never registered.");
                if (entry.Permanent == true) list!.RemoveAt(index);
                else list![index] = list[index] with { Deleted = true };
                if (list.Count == 0) subjects.Remove(entry.Subject!);
                break;
            case LogEntry.Config:
                if (entry.Compatibility is null) subjectLevels.Remove(entry.Subject!);
                else if (entry.Subject is null) globalLevel = CompatibilityModes.Parse(entry.Compatibility);
                else subjectLevels[entry.Subject] = CompatibilityModes.Parse(entry.Compatibility);
                break;
            default:
                throw new InvalidDataException($"Unknown registry log operation '{entry.Op}'.");
        }
    }

    private CompatibilityMode LevelOf(string subject) => subjectLevels.TryGetValue(subject, out var level) ? level : globalLevel;

    private List<SubjectEntry> LiveNewestFirst(string subject) =>
        subjects.TryGetValue(subject, out var all) ? all.Where(v => !v.Deleted).Reverse().ToList() : [];

    private List<SubjectEntry> Entries(string subject, bool includeDeleted)
    {
        var entries = subjects.TryGetValue(subject, out var all) ? all.Where(v => includeDeleted || !v.Deleted).ToList() : [];
        return entries.Count > 0 ? entries : throw RegistryRequestException.SubjectNotFound(subject);
    }

    private SubjectEntry Find(string subject, int? version, bool includeDeleted)
    {
        var entries = Entries(subject, includeDeleted);
        if (version is null) return entries[^1];
        return entries.FirstOrDefault(v => v.Version == version) ?? throw RegistryRequestException.VersionNotFound(subject, version.Value);
    }

    /// <summary>
    /// The newest of <paramref name="entries"/> holding the candidate with its own metadata or, when it has none, with
    /// <paramref name="inherited"/> (the latest version's), which Confluent's registry would give it.
    /// </summary>
    private SubjectEntry? Match(
        IReadOnlyList<SubjectEntry> entries, ParsedSchema candidate, SchemaMetadata? metadata, SchemaMetadata? inherited)
    {
        var guids = new List<string> { SchemaGuid.Of(candidate.Text, metadata) };
        if (metadata is null && inherited is not null) guids.Add(SchemaGuid.Of(candidate.Text, inherited));
        return guids
            .Select(guid => entries.Where(v => schemasById[v.Id].Guid == guid).MaxBy(v => v.Version))
            .FirstOrDefault(v => v is not null);
    }

    private List<(int Version, ParsedSchema Schema)> Parsed(IEnumerable<SubjectEntry> entries) =>
        entries.Select(v => (v.Version, schemasById[v.Id].Parsed)).ToList();

    private RegisteredSchema ToRegistered(string subject, SubjectEntry entry)
    {
        var schema = schemasById[entry.Id];
        return new(subject, entry.Id, entry.Version, schema.Text, schema.Guid, schema.Metadata);
    }

    private sealed record SubjectEntry(int Version, int Id, bool Deleted = false);
}
