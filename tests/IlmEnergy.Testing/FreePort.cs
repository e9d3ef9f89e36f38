using System.Net;
using System.Net.Sockets;

namespace IlmEnergy.Testing;

/// <summary>Free TCP ports on 127.0.0.1, never the same one twice within a test run.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>
    /// A port the OS just reported free. Another process could still take it before the server binds;
    /// fixtures therefore check that their server really listens and fail with its output if not.
    /// </summary>
    public static int Next()
    {
        lock (Handed)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port)) return port;
            }
            throw new InvalidOperationException("Could not find a free TCP port on 127.0.0.1.");
        }
    }

    /// <summary>True once something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
