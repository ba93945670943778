using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace OpenClaw.Integration.Tests.Tls
{
    /// <summary>
    /// A TLS front for a real gateway, the way an operator puts one before a gateway bound to loopback: it accepts
    /// on 127.0.0.1, completes a real TLS handshake with <see cref="SslStream"/> and its certificate, and pumps the
    /// plaintext bytes to and from the gateway's ws:// port. The WebSocket upgrade and every frame pass through
    /// unchanged, so the client talks to the real gateway over wss://.
    /// </summary>
    public sealed class TlsTerminatingProxy : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate;
        private readonly int _upstreamPort;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentDictionary<int, TcpClient> _open = new ConcurrentDictionary<int, TcpClient>();
        private int _accepted;
        private int _sessions;
        private int _refused;
        private int _nextId;

        public TlsTerminatingProxy(X509Certificate2 certificate, int upstreamPort)
        {
            _certificate = certificate;
            _upstreamPort = upstreamPort;
            _listener.Start();
            _ = Task.Run(AcceptLoopAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string Url => $"wss://127.0.0.1:{Port}";

        /// <summary>TCP connections accepted.</summary>
        public int Accepted => Volatile.Read(ref _accepted);

        /// <summary>
        /// TLS sessions over which the client sent data (its WebSocket upgrade), so it accepted the certificate. The
        /// server's side of a TLS 1.3 handshake completes before the client has judged the certificate, so a finished
        /// handshake alone proves nothing.
        /// </summary>
        public int Sessions => Volatile.Read(ref _sessions);

        /// <summary>Connections that ended before the client sent data: it refused the certificate.</summary>
        public int Refused => Volatile.Read(ref _refused);

        /// <summary>Drops every proxied connection, as a restarting load balancer or a network blip would.</summary>
        public void DropAll()
        {
            foreach (var pair in _open)
            {
                if (_open.TryRemove(pair.Key, out var client)) client.Close();
            }
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException || e is ObjectDisposedException || e is SocketException)
                {
                    return;
                }
                Interlocked.Increment(ref _accepted);
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            var id = Interlocked.Increment(ref _nextId);
            _open[id] = client;
            try
            {
                using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
                var buffer = new byte[16 * 1024];
                int first;
                try
                {
                    using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    handshakeTimeout.CancelAfter(TimeSpan.FromSeconds(20));
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, handshakeTimeout.Token);
                    first = await tls.ReadAsync(buffer, handshakeTimeout.Token);
                }
                catch (Exception e) when (e is AuthenticationException || e is System.IO.IOException || e is OperationCanceledException)
                {
                    first = 0;
                }
                if (first == 0)
                {
                    Interlocked.Increment(ref _refused);
                    return;
                }
                Interlocked.Increment(ref _sessions);
                using var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                using var plain = upstream.GetStream();
                await plain.WriteAsync(buffer.AsMemory(0, first), _stop.Token);
                // Either side closing ends the pair, as a TCP proxy does.
                await Task.WhenAny(tls.CopyToAsync(plain, _stop.Token), plain.CopyToAsync(tls, _stop.Token));
            }
            catch (Exception e) when (e is System.IO.IOException || e is SocketException || e is ObjectDisposedException || e is OperationCanceledException)
            {
                // The client, the gateway or DropAll closed the pair.
            }
            finally
            {
                _open.TryRemove(id, out _);
                client.Close();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            DropAll();
        }
    }
}
