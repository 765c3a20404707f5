using OrderStreams.Avro;
using OrderStreams.Avro.Schemas;
using OrderStreams.Kafka.Topics;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Cli.Commands;

/// <summary>One top-level schema file and the named schema it defines.</summary>
internal sealed record LocalSchema(string FullName, string File, AvroSchema Schema);

/// <summary>A topic's value subject and the local schema that belongs under it.</summary>
internal sealed record SubjectSchema(string Topic, string Subject, LocalSchema Schema);

/// <summary>
/// The <c>.avsc</c> files of one folder (not its subfolders, which hold history), parsed together so that a file can
/// use the named types another defines; each schema's JSON form is self-contained, as the registry needs.
/// </summary>
internal sealed class SchemaCatalog
{
    private readonly Dictionary<string, LocalSchema> byName;

    private SchemaCatalog(Dictionary<string, LocalSchema> byName) => this.byName = byName;

    public IReadOnlyCollection<LocalSchema> Schemas => byName.Values;

    /// <exception cref="AvroException">A file is not a valid schema; the message names the file.</exception>
    public static SchemaCatalog Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"No schema folder {directory}.");
        var files = Directory.GetFiles(directory, "*.avsc", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal);
        return Parse(files.Select(f => (Path.GetFileName(f), File.ReadAllText(f))));
    }

    /// <param name="sources">File name and content of each schema file.</param>
    public static SchemaCatalog Parse(IEnumerable<(string File, string Json)> sources)
    {
        var parser = new SchemaParser();
        foreach (var (file, json) in sources) parser.Add(file, json);
        var set = parser.Build();
        var byName = new Dictionary<string, LocalSchema>(StringComparer.Ordinal);
        foreach (var (file, schema) in set.Sources)
        {
            if (schema is NamedSchema named) byName[named.FullName] = new LocalSchema(named.FullName, file, schema);
        }
        return new SchemaCatalog(byName);
    }

    public LocalSchema? Find(string fullName) => byName.GetValueOrDefault(fullName);

    /// <summary>The value subject (topic name strategy) of every manifest topic that names a value schema.</summary>
    /// <exception cref="InvalidDataException">A topic names a schema no file defines.</exception>
    public IReadOnlyList<SubjectSchema> ValueSubjects(TopicManifest manifest)
    {
        var subjects = new List<SubjectSchema>();
        foreach (var topic in manifest.Topics.Where(t => t.ValueSchema is not null))
        {
            var schema = Find(topic.ValueSchema!)
                ?? throw new InvalidDataException($"Topic '{topic.Name}' names value schema '{topic.ValueSchema}', which no schema file defines.");
            subjects.Add(new SubjectSchema(topic.Name, TopicNameStrategy.Instance.SubjectFor(topic.Name, isKey: false, schema.FullName), schema));
        }
        return subjects;
    }
}
