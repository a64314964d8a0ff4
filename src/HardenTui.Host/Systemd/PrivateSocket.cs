// systemd's private socket (/run/systemd/private), spoken the way systemd's own clients speak it. systemd 252's
// sd-bus server loses the first message when it arrives on its own after a lone BEGIN line (measured in the sandbox:
// a Hello written right after BEGIN went unanswered in 13 of 15 connections, 15 of 15 after a 10 ms pause, 30 of 30
// with BEGIN sent together with AUTH, which is what sd-bus clients such as systemctl do). Tmds.DBus.Protocol writes
// AUTH, waits for OK, writes BEGIN and then Hello, so here BEGIN goes out with AUTH and its own BEGIN is dropped.
using System.Net.Sockets;
using Tmds.DBus.Protocol;

namespace HardenTui.Host.Systemd;

internal sealed class PrivateSocketOptions(string path) : DBusConnectionOptions($"unix:path={path}")
{
    protected override async ValueTask<SetupResult> SetupAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new DBusConnectFailedException($"cannot connect to {path}: {e.Message}", e);
        }
        // The private socket is root's only (0700): the user id sent is ours, which is 0.
        return new SetupResult { ConnectionStream = new BeginWithAuthStream(new NetworkStream(socket, ownsSocket: true)), UserId = "0" };
    }
}

/// <summary>Appends "BEGIN\r\n" to the AUTH line and swallows the BEGIN line written after OK.</summary>
internal sealed class BeginWithAuthStream(Stream inner) : Stream
{
    private static readonly byte[] Begin = "BEGIN\r\n"u8.ToArray();
    private static readonly byte[] Auth = "AUTH "u8.ToArray();
    private int _state; // 0: before AUTH, 1: BEGIN sent with AUTH, 2: Tmds's own BEGIN dropped

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        switch (_state)
        {
            case 0 when buffer.Span.StartsWith(Auth):
            {
                var both = new byte[buffer.Length + Begin.Length];
                buffer.CopyTo(both);
                Begin.CopyTo(both, buffer.Length);
                _state = 1;
                await inner.WriteAsync(both, cancellationToken);
                return;
            }
            case 1 when buffer.Span.SequenceEqual(Begin):
                _state = 2;
                return;
            default:
                await inner.WriteAsync(buffer, cancellationToken);
                return;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
