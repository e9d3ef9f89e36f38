using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace IlmEnergy.Ingester.Mqtt;

/// <summary>
/// Opens the ingester's broker connection for MQTTnet: a TCP socket with large kernel buffers and
/// Nagle off, read through a <see cref="ReadAheadStream"/>.
/// <para>
/// MQTTnet sets socket buffers to its 8 KiB default. On loopback (MSS 64 KiB) a receive buffer that
/// small, once a backlog has filled it, leaves the broker probing a zero window with backing-off
/// timers: delivery collapsed to ~100 msg/s with idle CPUs in the ingest benchmark.
/// </para>
/// </summary>
public sealed class TcpStreamProvider(int socketBufferBytes, int readAheadBytes) : IMqttClientStreamProvider
{
    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brokerEndPoint);
        // Dual-mode: reaches IPv4 and IPv6 addresses and resolves host names (DnsEndPoint).
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveBufferSize = socketBufferBytes,
            SendBufferSize = socketBufferBytes,
        };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
            return new ReadAheadStream(new NetworkStream(socket, ownsSocket: true), readAheadBytes);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
