using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OrderStreams.Avro.Binary;

/// <summary>Throw helpers kept out of line so the reader's hot paths stay small enough to inline.</summary>
internal static class AvroDecodeErrors
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Truncated(long offset, int needed = 1) =>
        throw new AvroDecodeException(needed < 0 ? $"negative size {needed}" : $"unexpected end of input (needed {needed} more byte(s))", offset);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string reason, long offset) => throw new AvroDecodeException(reason, offset);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Throw<T>(string reason, long offset, Exception? inner = null) => throw new AvroDecodeException(reason, offset, inner);
}
