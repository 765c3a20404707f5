using System.Net.Sockets;
using System.Text;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Testing.Tests.Brokers;

public sealed class DockerEngineTests : IDisposable
{
    private readonly string socketPath = Path.Combine(Path.GetTempPath(), $"docker-{Guid.NewGuid():N}.sock");

    [Fact]
    public void IsReachable_NoSocket_IsFalse()
    {
        Assert.False(DockerEngine.IsReachable($"unix://{socketPath}"));
    }

    [Fact]
    public void IsReachable_ClosedTcpPort_IsFalse()
    {
        using var listener = new TcpListenerOnAnyPort();
        var port = listener.Port;
        listener.Dispose();

        Assert.False(DockerEngine.IsReachable($"tcp://127.0.0.1:{port}"));
    }

    [Fact]
    public void IsReachable_EngineAnswersPing_IsTrue()
    {
        using var engine = Serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");

        Assert.True(DockerEngine.IsReachable($"unix://{socketPath}"));
    }

    [Fact]
    public void IsReachable_SomethingElseAnswers_IsFalse()
    {
        using var engine = Serve("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

        Assert.False(DockerEngine.IsReachable($"unix://{socketPath}"));
    }

    [Fact]
    public void IsReachable_UnknownScheme_IsFalse()
    {
        Assert.False(DockerEngine.IsReachable("npipe:////./pipe/docker_engine"));
    }

    public void Dispose() => File.Delete(socketPath);

    /// <summary>A unix socket that answers one request with <paramref name="reply"/>.</summary>
    private Socket Serve(string reply)
    {
        var server = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint(socketPath));
        server.Listen();
        _ = Task.Run(() =>
        {
            using var client = server.Accept();
            client.Receive(new byte[1024]);
            client.Send(Encoding.ASCII.GetBytes(reply));
        });
        return server;
    }

    private sealed class TcpListenerOnAnyPort : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener listener = new(System.Net.IPAddress.Loopback, 0);

        public TcpListenerOnAnyPort() => listener.Start();

        public int Port => ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        public void Dispose() => listener.Stop();
    }
}
