using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace OrderStreams.Hosting.Streams;

/// <summary>
/// <c>{ip}</c> in <c>Streams:ApplicationServer</c> (e.g. <c>{ip}:8104</c>) stands for this instance's IPv4 address, so the
/// replicas of a scaled container, which all get the same configuration, each publish an address the others can reach
/// for interactive-query forwarding.
/// </summary>
internal static class InstanceAddress
{
    public const string IpPlaceholder = "{ip}";

    /// <summary><paramref name="configured"/> with <see cref="IpPlaceholder"/> replaced by <paramref name="ip"/>'s answer; unchanged without it.</summary>
    public static string? Expand(string? configured, Func<string> ip) =>
        configured is not null && configured.Contains(IpPlaceholder, StringComparison.Ordinal) ? configured.Replace(IpPlaceholder, ip(), StringComparison.Ordinal) : configured;

    /// <summary>The first IPv4 address of an interface that is up and not loopback (a container's or pod's own address).</summary>
    /// <exception cref="InvalidOperationException">No such interface.</exception>
    public static string LocalIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))
            ?.ToString()
        ?? throw new InvalidOperationException($"Streams:ApplicationServer uses {IpPlaceholder}, but no network interface other than loopback has an IPv4 address.");
}
