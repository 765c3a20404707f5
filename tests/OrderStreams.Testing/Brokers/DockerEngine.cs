using System.Net.Sockets;
using System.Text;

namespace OrderStreams.Testing.Brokers;

/// <summary>Asks the Docker engine for <c>/_ping</c> at <c>DOCKER_HOST</c> (a unix or tcp address) or the default socket.</summary>
public static class DockerEngine
{
    private const string DefaultSocket = "unix:///var/run/docker.sock";

    public static string Endpoint => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : DefaultSocket;

    /// <summary>True when the engine at <see cref="Endpoint"/> answers its ping within two seconds.</summary>
    public static bool IsReachable() => IsReachable(Endpoint);

    internal static bool IsReachable(string endpoint)
    {
        try
        {
            using var socket = Connect(new Uri(endpoint));
            if (socket is null) return false;
            socket.ReceiveTimeout = 2000;
            socket.Send(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"));
            var buffer = new byte[256];
            var reply = Encoding.ASCII.GetString(buffer, 0, socket.Receive(buffer));
            return reply.StartsWith("HTTP/1.", StringComparison.Ordinal) && reply.Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or UriFormatException or ObjectDisposedException or AggregateException)
        {
            return false;
        }
    }

    private static Socket? Connect(Uri endpoint)
    {
        switch (endpoint.Scheme)
        {
            case "unix":
                if (!File.Exists(endpoint.AbsolutePath)) return null;
                var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                unix.Connect(new UnixDomainSocketEndPoint(endpoint.AbsolutePath));
                return unix;
            case "tcp":
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
                if (!tcp.ConnectAsync(endpoint.Host, endpoint.Port).Wait(TimeSpan.FromSeconds(2)))
                {
                    tcp.Dispose();
                    return null;
                }
                return tcp;
            default:
                return null;
        }
    }
}
