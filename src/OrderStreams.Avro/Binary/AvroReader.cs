using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Binary;

/// <summary>
/// Reads Avro binary encoding from a span without copying. Every read checks the remaining bytes first and fails with
/// <see cref="AvroDecodeException"/> (with the byte offset) on truncated or corrupt input; nothing is allocated from
/// a length that has not been checked against the bytes actually present.
/// </summary>
public ref struct AvroReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly long _baseOffset;
    private int _position;

    /// <param name="buffer">The encoded datum.</param>
    /// <param name="baseOffset">Added to positions in error messages, e.g. 5 when the span follows a Confluent wire-format header.</param>
    public AvroReader(ReadOnlySpan<byte> buffer, long baseOffset = 0)
    {
        _buffer = buffer;
        _baseOffset = baseOffset;
        _position = 0;
    }

    public readonly int Position => _position;

    /// <summary>The position plus the base offset given at construction (what error messages report).</summary>
    public readonly long Offset => _baseOffset + _position;

    public readonly int Remaining => _buffer.Length - _position;

    public readonly bool IsAtEnd => _position >= _buffer.Length;

    public readonly void ReadNull()
    {
    }

    public bool ReadBoolean()
    {
        var b = ReadByte();
        if (b > 1)
            AvroDecodeErrors.Throw($"invalid boolean byte 0x{b:x2}", _baseOffset + _position - 1);
        return b == 1;
    }

    public int ReadInt()
    {
        var start = _position;
        var value = ReadLong();
        if (value is < int.MinValue or > int.MaxValue)
            AvroDecodeErrors.Throw($"int value {value} is out of range", _baseOffset + start);
        return (int)value;
    }

    public long ReadLong()
    {
        var buffer = _buffer;
        var pos = _position;
        ulong result = 0;
        var shift = 0;
        byte b;
        do
        {
            if ((uint)pos >= (uint)buffer.Length)
                AvroDecodeErrors.Truncated(_baseOffset + pos);
            b = buffer[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80 && shift < 70);

        if (b >= 0x80 || (shift == 70 && b > 0x01))
            AvroDecodeErrors.Throw("long varint is longer than 10 bytes or overflows 64 bits", _baseOffset + _position);
        _position = pos;
        return (long)(result >> 1) ^ -(long)(result & 1);
    }

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads length-prefixed bytes into a new array.</summary>
    public byte[] ReadBytes() => ReadBytesSpan().ToArray();

    /// <summary>Reads length-prefixed bytes as a slice of the input (valid as long as the input is).</summary>
    public ReadOnlySpan<byte> ReadBytesSpan() => Take(ReadLength());

    public string ReadString()
    {
        var start = _position;
        var utf8 = ReadBytesSpan();
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            return AvroDecodeErrors.Throw<string>("string is not valid UTF-8", _baseOffset + start, e);
        }
    }

    /// <summary>Reads a string's raw UTF-8 bytes without validating or decoding them.</summary>
    public ReadOnlySpan<byte> ReadStringUtf8() => ReadBytesSpan();

    public byte[] ReadFixed(int size) => Take(size).ToArray();

    public ReadOnlySpan<byte> ReadFixedSpan(int size) => Take(size);

    /// <summary>Reads an enum index and checks it against the number of symbols.</summary>
    public int ReadEnum(int symbolCount)
    {
        var start = _position;
        var index = ReadInt();
        if ((uint)index >= (uint)symbolCount)
            AvroDecodeErrors.Throw($"enum index {index} is out of range (the enum has {symbolCount} symbols)", _baseOffset + start);
        return index;
    }

    /// <summary>Reads a union branch index and checks it against the number of branches.</summary>
    public int ReadUnionIndex(int branchCount)
    {
        var start = _position;
        var index = ReadLong();
        if ((ulong)index >= (ulong)branchCount)
            AvroDecodeErrors.Throw($"union index {index} is out of range (the union has {branchCount} branches)", _baseOffset + start);
        return (int)index;
    }

    /// <summary>
    /// Reads an array or map block header: the number of items in the next block, 0 at the end. A negative count
    /// (followed by the block's byte size) is returned as its absolute value.
    /// </summary>
    public int ReadBlockCount() => ReadBlockCount(out _);

    /// <param name="byteSize">The block's size in bytes when the writer gave it (negative count), otherwise -1.</param>
    public int ReadBlockCount(out long byteSize)
    {
        var start = _position;
        var count = ReadLong();
        byteSize = -1;
        if (count < 0)
        {
            if (count == long.MinValue)
                AvroDecodeErrors.Throw("block count is out of range", _baseOffset + start);
            count = -count;
            var sizeStart = _position;
            byteSize = ReadLong();
            if (byteSize < 0 || byteSize > Remaining)
                AvroDecodeErrors.Throw($"block byte size {byteSize} is negative or exceeds the remaining {Remaining} bytes", _baseOffset + sizeStart);
        }

        if (count > int.MaxValue)
            AvroDecodeErrors.Throw($"block count {count} is too large", _baseOffset + start);
        return (int)count;
    }

    public void Skip(int byteCount) => Take(byteCount);

    public void SkipBytes() => Take(ReadLength());

    public void SkipString() => Take(ReadLength());

    public decimal ReadDecimal(int scale)
    {
        var start = _position;
        return LogicalValues.ToDecimal(ReadBytesSpan(), scale, _baseOffset + start);
    }

    public decimal ReadFixedDecimal(int size, int scale)
    {
        var start = _position;
        return LogicalValues.ToDecimal(Take(size), scale, _baseOffset + start);
    }

    public Guid ReadUuid()
    {
        var start = _position;
        // The RFC 4122 form straight from the UTF-8 bytes; only other spellings go through a string.
        var utf8 = ReadBytesSpan();
        if (utf8.Length == 36 && Utf8Parser.TryParse(utf8, out Guid uuid, out _, 'D'))
            return uuid;
        _position = start;
        var text = ReadString();
        return Guid.TryParse(text, out uuid) ? uuid : AvroDecodeErrors.Throw<Guid>($"'{text}' is not a UUID", _baseOffset + start);
    }

    public DateOnly ReadDate() => LogicalValues.ToDate((int)ReadChecked(LogicalTypeKind.Date));

    public TimeOnly ReadTimeMillis() => LogicalValues.ToTimeMillis((int)ReadChecked(LogicalTypeKind.TimeMillis));

    public TimeOnly ReadTimeMicros() => LogicalValues.ToTimeMicros(ReadChecked(LogicalTypeKind.TimeMicros));

    public DateTimeOffset ReadTimestampMillis() => LogicalValues.ToTimestampMillis(ReadChecked(LogicalTypeKind.TimestampMillis));

    public DateTimeOffset ReadTimestampMicros() => LogicalValues.ToTimestampMicros(ReadChecked(LogicalTypeKind.TimestampMicros));

    public DateTime ReadLocalTimestampMillis() => LogicalValues.ToLocalTimestampMillis(ReadChecked(LogicalTypeKind.LocalTimestampMillis));

    public DateTime ReadLocalTimestampMicros() => LogicalValues.ToLocalTimestampMicros(ReadChecked(LogicalTypeKind.LocalTimestampMicros));

    /// <summary>Reads a date or time's underlying int or long and checks it against the .NET type's range.</summary>
    private long ReadChecked(LogicalTypeKind kind)
    {
        var start = Offset;
        var value = kind is LogicalTypeKind.Date or LogicalTypeKind.TimeMillis ? ReadInt() : ReadLong();
        return LogicalValues.EnsureInRange(value, kind, start);
    }

    private int ReadLength()
    {
        var start = _position;
        var length = ReadLong();
        if (length < 0)
            AvroDecodeErrors.Throw($"negative length {length}", _baseOffset + start);
        if (length > Remaining)
            AvroDecodeErrors.Throw($"length {length} exceeds the remaining {Remaining} bytes", _baseOffset + start);
        return (int)length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadByte()
    {
        if ((uint)_position >= (uint)_buffer.Length)
            AvroDecodeErrors.Truncated(_baseOffset + _position);
        return _buffer[_position++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
            AvroDecodeErrors.Truncated(_baseOffset + _position, count);
        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
