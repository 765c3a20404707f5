using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace OrderStreams.Avro.Binary;

/// <summary>
/// Writes Avro binary encoding into an <see cref="IBufferWriter{T}"/> (call <see cref="Flush"/> at the end) or into a
/// fixed span. Allocation-free: strings are encoded straight into the output.
/// </summary>
public ref struct AvroWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const int ShortStringChars = 42;

    private readonly IBufferWriter<byte>? _output;
    private Span<byte> _span;
    private int _buffered;
    private long _committed;

    public AvroWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = output.GetSpan(256);
    }

    /// <summary>Writes into <paramref name="destination"/>; writing past its end throws <see cref="AvroEncodeException"/>.</summary>
    public AvroWriter(Span<byte> destination)
    {
        _span = destination;
    }

    /// <summary>Bytes written so far (flushed or not).</summary>
    public readonly long BytesWritten => _committed + _buffered;

    /// <summary>Hands the buffered bytes to the <see cref="IBufferWriter{T}"/>. Required before using the output.</summary>
    public void Flush()
    {
        if (_output is null || _buffered == 0)
            return;
        _output.Advance(_buffered);
        _committed += _buffered;
        _buffered = 0;
        _span = _output.GetSpan(256);
    }

    public readonly void WriteNull()
    {
    }

    public void WriteBoolean(bool value)
    {
        Ensure(1);
        _span[_buffered++] = value ? (byte)1 : (byte)0;
    }

    public void WriteInt(int value) => WriteVarint((uint)((value << 1) ^ (value >> 31)), 5);

    public void WriteLong(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)), 10);

    public void WriteFloat(float value)
    {
        Ensure(4);
        BinaryPrimitives.WriteSingleLittleEndian(_span[_buffered..], value);
        _buffered += 4;
    }

    public void WriteDouble(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_span[_buffered..], value);
        _buffered += 8;
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteRaw(value);
    }

    /// <exception cref="AvroEncodeException">The string is null (Avro strings cannot be) or holds an unpaired surrogate.</exception>
    public void WriteString(string value)
    {
        if (value is null)
            throw new AvroEncodeException("a string value is null; use a union with null for optional strings");
        WriteString(value.AsSpan());
    }

    /// <exception cref="AvroEncodeException">The string holds an unpaired surrogate (not encodable as UTF-8).</exception>
    public void WriteString(scoped ReadOnlySpan<char> value)
    {
        try
        {
            if (value.Length <= ShortStringChars && (_output is not null || _span.Length - _buffered > ShortStringChars * 3))
            {
                // At most 126 UTF-8 bytes, so the length takes one byte: encode in place, then fill in the length.
                Ensure(1 + ShortStringChars * 3);
                var length = StrictUtf8.GetBytes(value, _span[(_buffered + 1)..]);
                _span[_buffered] = (byte)(length << 1);
                _buffered += 1 + length;
                return;
            }

            var byteCount = StrictUtf8.GetByteCount(value);
            WriteLong(byteCount);
            Ensure(byteCount);
            _buffered += StrictUtf8.GetBytes(value, _span[_buffered..]);
        }
        catch (EncoderFallbackException e)
        {
            throw new AvroEncodeException("string holds an unpaired surrogate and cannot be encoded as UTF-8", "$", e);
        }
    }

    /// <summary>Writes a string given as UTF-8 bytes (not validated).</summary>
    public void WriteStringUtf8(scoped ReadOnlySpan<byte> utf8) => WriteBytes(utf8);

    /// <summary>Writes a fixed value: the bytes only, no length.</summary>
    public void WriteFixed(scoped ReadOnlySpan<byte> value) => WriteRaw(value);

    public void WriteEnum(int index) => WriteInt(index);

    public void WriteUnionIndex(int index) => WriteInt(index);

    /// <summary>Starts an array of <paramref name="count"/> items (one block); follow with the items and <see cref="WriteArrayEnd"/>.</summary>
    public void WriteArrayStart(int count)
    {
        if (count > 0)
            WriteInt(count);
    }

    public void WriteArrayEnd() => WriteByte(0);

    /// <summary>Starts a map of <paramref name="count"/> entries (one block); follow with key, value pairs and <see cref="WriteMapEnd"/>.</summary>
    public void WriteMapStart(int count) => WriteArrayStart(count);

    public void WriteMapEnd() => WriteByte(0);

    public void WriteDecimal(decimal value, int scale)
    {
        Span<byte> unscaled = stackalloc byte[LogicalValues.MaxDecimalBytes];
        var length = LogicalValues.WriteDecimal(value, scale, unscaled);
        WriteBytes(unscaled[..length]);
    }

    public void WriteFixedDecimal(decimal value, int size, int scale)
    {
        Ensure(size);
        LogicalValues.WriteFixedDecimal(value, scale, _span.Slice(_buffered, size));
        _buffered += size;
    }

    public void WriteUuid(Guid value)
    {
        Span<char> text = stackalloc char[36];
        value.TryFormat(text, out _, "D");
        WriteString(text);
    }

    public void WriteDate(DateOnly value) => WriteInt(LogicalValues.FromDate(value));

    public void WriteTimeMillis(TimeOnly value) => WriteInt(LogicalValues.FromTimeMillis(value));

    public void WriteTimeMicros(TimeOnly value) => WriteLong(LogicalValues.FromTimeMicros(value));

    public void WriteTimestampMillis(DateTimeOffset value) => WriteLong(LogicalValues.FromTimestampMillis(value));

    public void WriteTimestampMicros(DateTimeOffset value) => WriteLong(LogicalValues.FromTimestampMicros(value));

    public void WriteLocalTimestampMillis(DateTime value) => WriteLong(LogicalValues.FromLocalTimestampMillis(value));

    public void WriteLocalTimestampMicros(DateTime value) => WriteLong(LogicalValues.FromLocalTimestampMicros(value));

    /// <summary>Copies already-encoded Avro bytes to the output.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> encoded)
    {
        Ensure(encoded.Length);
        encoded.CopyTo(_span[_buffered..]);
        _buffered += encoded.Length;
    }

    /// <param name="max">The longest encoding of the type; the exact length is only computed near the end of a fixed span.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteVarint(ulong v, int max)
    {
        if (_span.Length - _buffered < max)
            Grow(VarintSize(v));
        var span = _span;
        var pos = _buffered;
        while (v >= 0x80)
        {
            span[pos++] = (byte)(v | 0x80);
            v >>= 7;
        }

        span[pos++] = (byte)v;
        _buffered = pos;
    }

    private static int VarintSize(ulong v)
    {
        var size = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            size++;
        }

        return size;
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _span[_buffered++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_span.Length - _buffered < count)
            Grow(count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count)
    {
        if (_output is null)
        {
            if (_span.Length - _buffered >= count)
                return;
            throw new AvroEncodeException($"the destination span is too small (needs {count} more byte(s) at offset {_buffered})");
        }

        _output.Advance(_buffered);
        _committed += _buffered;
        _buffered = 0;
        _span = _output.GetSpan(Math.Max(count, 256));
    }
}
