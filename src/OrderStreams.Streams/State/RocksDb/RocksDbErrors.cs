using System.Runtime.InteropServices;
using OrderStreams.Native;

namespace OrderStreams.Streams.State.RocksDb;

internal static class RocksDbErrors
{
    /// <summary>Frees a C API <c>errptr</c> and throws its message, if the call set one.</summary>
    public static void ThrowIfSet(nint error, string path, string operation)
    {
        if (error == 0) return;
        string reason;
        try
        {
            reason = Marshal.PtrToStringUTF8(error) ?? "unknown error";
        }
        finally
        {
            RocksDbNative.Free(error);
        }
        throw new RocksDbException(path, operation, reason);
    }
}
