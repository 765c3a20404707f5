using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Resolution;

/// <summary>Reads a primitive, applying the spec's promotions (int→long/float/double, long→float/double, float→double, string↔bytes).</summary>
internal sealed class PrimitiveNode(AvroType writer, AvroType reader) : ReadNode
{
    public static readonly object True = true;
    public static readonly object False = false;

    public AvroType Writer { get; } = writer;

    public AvroType Reader { get; } = reader;

    public override object? Read(ref AvroReader r) => (Writer, Reader) switch
    {
        (AvroType.Null, _) => null,
        (AvroType.Boolean, _) => r.ReadBoolean() ? True : False,
        (AvroType.Int, AvroType.Int) => r.ReadInt(),
        (AvroType.Int, AvroType.Long) => (long)r.ReadInt(),
        (AvroType.Int, AvroType.Float) => (float)r.ReadInt(),
        (AvroType.Int, AvroType.Double) => (double)r.ReadInt(),
        (AvroType.Long, AvroType.Long) => r.ReadLong(),
        (AvroType.Long, AvroType.Float) => (float)r.ReadLong(),
        (AvroType.Long, AvroType.Double) => (double)r.ReadLong(),
        (AvroType.Float, AvroType.Float) => r.ReadFloat(),
        (AvroType.Float, AvroType.Double) => (double)r.ReadFloat(),
        (AvroType.Double, _) => r.ReadDouble(),
        (AvroType.Bytes or AvroType.String, AvroType.Bytes) => r.ReadBytes(),
        _ => r.ReadString(),
    };

    public override void Skip(ref AvroReader r)
    {
        switch (Writer)
        {
            case AvroType.Null:
                break;
            case AvroType.Boolean:
                r.Skip(1);
                break;
            case AvroType.Int:
                r.ReadInt();
                break;
            case AvroType.Long:
                r.ReadLong();
                break;
            case AvroType.Float:
                r.Skip(4);
                break;
            case AvroType.Double:
                r.Skip(8);
                break;
            default:
                r.SkipBytes();
                break;
        }
    }

    /// <summary>Whether data of <paramref name="writer"/> type can be read as <paramref name="reader"/>.</summary>
    public static bool CanRead(AvroType writer, AvroType reader) => writer == reader || (writer, reader) switch
    {
        (AvroType.Int, AvroType.Long or AvroType.Float or AvroType.Double) => true,
        (AvroType.Long, AvroType.Float or AvroType.Double) => true,
        (AvroType.Float, AvroType.Double) => true,
        (AvroType.String, AvroType.Bytes) or (AvroType.Bytes, AvroType.String) => true,
        _ => false,
    };
}
