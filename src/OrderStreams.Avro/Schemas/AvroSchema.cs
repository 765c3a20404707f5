using System.Collections.Frozen;
using System.Text.Json;

namespace OrderStreams.Avro.Schemas;

/// <summary>
/// An Avro schema. One subclass per schema kind; instances are immutable once parsed and compared by reference
/// (use <see cref="Fingerprint"/> or <see cref="CanonicalForm"/> to compare content).
/// </summary>
public abstract class AvroSchema
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoProperties = FrozenDictionary<string, JsonElement>.Empty;

    private string? _canonicalForm;
    private long _fingerprint;
    private volatile bool _hasFingerprint;

    private protected AvroSchema(IReadOnlyDictionary<string, JsonElement>? properties)
    {
        Properties = properties ?? NoProperties;
    }

    public static NullSchema Null { get; } = new();

    public static BooleanSchema Boolean { get; } = new();

    public static IntSchema Int { get; } = new();

    public static LongSchema Long { get; } = new();

    public static FloatSchema Float { get; } = new();

    public static DoubleSchema Double { get; } = new();

    public static BytesSchema Bytes { get; } = new();

    public static StringSchema String { get; } = new();

    public abstract AvroType Type { get; }

    /// <summary>The logical type, when the schema carries a valid one the library knows.</summary>
    public virtual LogicalType? LogicalType => null;

    /// <summary>Attributes the spec does not define (kept for tools; not part of the canonical form).</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; }

    /// <summary>The spec's Parsing Canonical Form.</summary>
    public string CanonicalForm => _canonicalForm ??= Schemas.CanonicalForm.Of(this);

    /// <summary>The CRC-64-AVRO (Rabin) fingerprint of the <see cref="CanonicalForm"/>.</summary>
    public long Fingerprint
    {
        get
        {
            // A long? could be read torn by another thread; the volatile flag publishes the value after it is written.
            if (!_hasFingerprint)
            {
                _fingerprint = Crc64Avro.Compute(CanonicalForm);
                _hasFingerprint = true;
            }

            return _fingerprint;
        }
    }

    /// <summary>The type name used in messages and in the JSON encoding of unions: full name for named types.</summary>
    public virtual string DisplayName => Type switch
    {
        AvroType.Null => "null",
        AvroType.Boolean => "boolean",
        AvroType.Int => "int",
        AvroType.Long => "long",
        AvroType.Float => "float",
        AvroType.Double => "double",
        AvroType.Bytes => "bytes",
        AvroType.String => "string",
        AvroType.Array => "array",
        AvroType.Map => "map",
        _ => "union",
    };

    /// <summary>Parses one self-contained schema document; <paramref name="sourceName"/> (e.g. the file name) prefixes error messages.</summary>
    /// <exception cref="AvroSchemaException">The JSON is not a valid schema; the message names the JSON path.</exception>
    public static AvroSchema Parse(string json, string? sourceName = null)
    {
        var source = sourceName ?? "";
        var parser = new SchemaParser();
        parser.Add(source, json);
        return parser.Build().GetSource(source);
    }

    /// <summary>The full JSON form (with docs, defaults, aliases, logical types and other attributes).</summary>
    public string ToJson(bool indented = false) => SchemaJsonWriter.Write(this, indented);

    public override string ToString() => ToJson();
}
