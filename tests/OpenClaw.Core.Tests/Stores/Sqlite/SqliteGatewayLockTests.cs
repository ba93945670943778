using Microsoft.Data.Sqlite;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores.Sqlite;

/// <summary>
/// Detecting a running 2026.9.6 gateway by the SQLite coordinator locks it holds for its whole life (measured:
/// tmp/openclaw-&lt;uid&gt;/gateway.state.lock.sqlite is BEGIN EXCLUSIVE while it runs and free once it is killed).
/// </summary>
public sealed class SqliteGatewayLockTests : IDisposable
{
    private readonly TempDirectory _temp = new TempDirectory();

    private string State => _temp.Combine("state");

    public void Dispose() => _temp.Dispose();

    /// <summary>Does what acquireLockFile of 2026.9.6 does: the JSON payload plus an exclusive transaction on its .sqlite.</summary>
    public static IDisposable HoldLikeAGateway(string stateDirectory, int pid)
    {
        var dir = Path.Combine(stateDirectory, "tmp", "openclaw-1000");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "gateway.state.lock"), $"{{\n  \"pid\": {pid},\n  \"createdAt\": \"2026-11-24T22:50:15.835Z\"\n}}");
        var coordinator = Path.Combine(dir, "gateway.state.lock.sqlite");
        File.WriteAllBytes(coordinator, Array.Empty<byte>());
        SqliteNativeLoader.EnsureInitialized();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = coordinator, Pooling = false, DefaultTimeout = 1 }.ToString());
        connection.Open();
        try
        {
            SqliteTestStore.Exec(connection, "PRAGMA busy_timeout = 0");
            SqliteTestStore.Exec(connection, "PRAGMA journal_mode = MEMORY");
            SqliteTestStore.Exec(connection, "BEGIN EXCLUSIVE");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return connection;
    }

    [Fact]
    public void A_state_folder_without_coordinator_files_has_no_running_gateway_and_the_probe_creates_nothing()
    {
        Directory.CreateDirectory(State);

        Assert.Null(SqliteGatewayLock.FindRunningGateway(State));
        Assert.Empty(Directory.GetFileSystemEntries(State));
    }

    [Fact]
    public void A_held_state_lock_names_the_file_and_the_pid()
    {
        using var gateway = HoldLikeAGateway(State, 31337);

        var evidence = SqliteGatewayLock.FindRunningGateway(State);

        Assert.NotNull(evidence);
        Assert.Contains("gateway.state.lock.sqlite", evidence);
        Assert.Contains("pid 31337", evidence);
        var e = Assert.Throws<OpenClawException>(() => SqliteGatewayLock.Acquire(State));
        Assert.Equal(ErrorIds.GatewayRunning, e.ErrorId);
        Assert.Equal(RemedyKind.StopGateway, e.Remedy?.Kind);
        Assert.False(e.Remedy!.Value.ForceWriteAllowed);
    }

    [Fact]
    public void A_lock_file_left_by_a_killed_gateway_does_not_count()
    {
        HoldLikeAGateway(State, 31337).Dispose(); // the process is gone: its OS lock went with it, the JSON stayed

        Assert.True(File.Exists(Path.Combine(State, "tmp", "openclaw-1000", "gateway.state.lock")));
        Assert.Null(SqliteGatewayLock.FindRunningGateway(State));
    }

    [Fact]
    public void While_the_module_holds_the_lock_a_gateway_could_not_take_it_and_afterwards_it_can()
    {
        HoldLikeAGateway(State, 1).Dispose();

        using (SqliteGatewayLock.Acquire(State))
        {
            var e = Assert.Throws<SqliteException>(() => HoldLikeAGateway(State, 2));
            Assert.Equal(5, e.SqliteErrorCode);
        }

        HoldLikeAGateway(State, 3).Dispose();
    }

    [UnixFact]
    public void The_lifecycle_coordinator_is_named_as_2026_9_6_names_it()
    {
        // Measured: a gateway on /tmp/sqlm/a/state held /tmp/openclaw-state-locks-0/gateway-lifecycle.8e50306a.lock.sqlite.
        var path = SqliteGatewayLock.LifecycleCoordinator("/tmp/sqlm/a/state/state/openclaw.sqlite");

        Assert.Matches(@"^/tmp/openclaw-state-locks-\d+/gateway-lifecycle\.8e50306a\.lock\.sqlite$", path);
    }
}
