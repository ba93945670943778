using OpenClaw.Core.Errors;
using OpenClaw.Core.Identity;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Identity;

/// <summary>Which identity the module signs with: the CLI's when it exists, else its own (created once).</summary>
public sealed class ActingIdentityTests : IDisposable
{
    private readonly TempDirectory _temp = new TempDirectory();

    private string StateDirectory => _temp.Combine("state");

    private string ModuleHome => _temp.Combine("module");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_cli_identity_is_used_when_the_state_folder_has_one()
    {
        var cli = new IdentityFolder(Path.Combine(StateDirectory, "identity")).Create();

        var acting = ActingIdentity.Resolve(StateDirectory, ModuleHome);

        Assert.True(acting.IsOpenClawCli);
        Assert.Equal(cli.DeviceId, acting.Identity.DeviceId);
        Assert.Contains("OpenClaw CLI", acting.Description);
        Assert.False(Directory.Exists(ModuleHome));
    }

    [Fact]
    public void Without_a_cli_identity_the_module_creates_its_own_once()
    {
        var first = ActingIdentity.Resolve(StateDirectory, ModuleHome);
        var second = ActingIdentity.Resolve(StateDirectory, ModuleHome);

        Assert.False(first.IsOpenClawCli);
        Assert.Equal(Path.Combine(ModuleHome, "identity"), first.Folder.Path);
        Assert.True(File.Exists(first.Folder.DeviceFile));
        Assert.Equal(first.Identity.DeviceId, second.Identity.DeviceId);
    }

    [Fact]
    public async Task Runspaces_that_create_the_module_identity_at_once_all_get_the_one_on_disk()
    {
        // ForEach-Object -Parallel on a new machine: every runspace finds no identity at the same moment. Each must
        // end up signing with the key that stays on disk; a key overwritten by another runspace would be a device
        // paired once and never seen again.
        for (var round = 0; round < 20; round++)
        {
            var home = _temp.Combine("race-" + round);
            using var start = new Barrier(8);
            var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return ActingIdentity.Resolve(StateDirectory, home).Identity.DeviceId;
            })).ToArray();
            var ids = await Task.WhenAll(tasks);

            var onDisk = new IdentityFolder(Path.Combine(home, "identity")).TryLoad()!.DeviceId;
            Assert.All(ids, id => Assert.Equal(onDisk, id));
        }
    }

    [Fact]
    public void A_broken_cli_identity_is_an_error_not_a_silent_fallback()
    {
        Directory.CreateDirectory(Path.Combine(StateDirectory, "identity"));
        File.Copy(Fixtures.PathOf(Fixtures.IdentityDevice), Path.Combine(StateDirectory, "identity", "device.json"));

        var e = Assert.Throws<OpenClawException>(() => ActingIdentity.Resolve(StateDirectory, ModuleHome));

        Assert.Equal(ErrorIds.IdentityInvalid, e.ErrorId);
        Assert.False(Directory.Exists(ModuleHome));
    }

    [Fact]
    public void OPENCLAW_POWERSHELL_HOME_overrides_the_module_home()
    {
        var home = ActingIdentity.DefaultModuleHome(name => name == "OPENCLAW_POWERSHELL_HOME" ? ModuleHome : null);

        Assert.Equal(ModuleHome, home);
    }

    [UnixFact]
    public void On_unix_the_module_home_is_under_XDG_DATA_HOME()
    {
        var home = ActingIdentity.DefaultModuleHome(name => name == "XDG_DATA_HOME" ? _temp.Path : null);

        Assert.Equal(Path.Combine(_temp.Path, "openclaw-powershell"), home);
    }
}
