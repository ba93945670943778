using System.Management.Automation;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using OpenClaw.Tests.Shared;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>
    /// Get-OpenClawDevice -Offline on a JSON store in the real engine: the unfiltered listing writes each device as
    /// it is built (the next command has the first before the listing ends), gives what the filtered listing gives,
    /// and a record of the wrong shape anywhere, even the last, is one StateFileInvalid before any device is written.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class OfflineDeviceListingTests : IDisposable
    {
        private readonly FakeDevice _cli = FakeDevice.Create("listing-cli", Scopes.Legacy);
        private readonly FakeDevice _agent = FakeDevice.Create("listing-agent", Scopes.Legacy, "gateway-client", "backend", "build-agent");
        private readonly FakeDevice _node = FakeDevice.Create("listing-node", new[] { Scopes.Read }, "openclaw-macos", "node", "mac-node");
        private readonly FakePendingRequest _agentRequest;
        private readonly PowerShellHost _host = new();
        private readonly OfflineStateFolder _folder;

        public OfflineDeviceListingTests()
        {
            _node.Role = "node";
            _node.Roles = new List<string> { "node" };
            _agentRequest = FakePendingRequest.RepairFor(_agent, Scopes.Read, Scopes.Write);
            _folder = new OfflineStateFolder(new[] { _cli, _agent, _node }, new[] { _agentRequest });
        }

        private PowerShellResult Run(string script) => _host.Invoke("param($s) " + script, new Dictionary<string, object?> { ["s"] = _folder.Path });

        [Fact]
        public void TheFirstDeviceReachesTheNextCommandBeforeTheListingEnds()
        {
            // The listing says how many devices it read once it has passed the last one on; with the verbose stream
            // merged into the output, every device must come before that line. Completion offers the devices during
            // the listing already: it reads the folder, remembered before the first device.
            var result = Run(@"
                $known = { @([OpenClaw.PowerShell.Completion.DeviceIdCompleter]::new().CompleteArgument('Get-OpenClawDevice', 'DeviceId', '', $null, @{})).Count }
                Get-OpenClawDevice -Offline -StateDirectory $s -Verbose 4>&1 | ForEach-Object {
                    if ($_ -is [System.Management.Automation.VerboseRecord]) { 'verbose: ' + $_.Message } else { 'device, completion offers ' + (& $known) }
                }");
            result.ThrowIfFailed();

            var lines = result.Output.Select(o => o.BaseObject.ToString()!).ToList();
            Assert.StartsWith("verbose: Offline: ", lines[0]);
            Assert.Equal(Enumerable.Repeat("device, completion offers 3", 3), lines.Skip(1).Take(3));
            Assert.Equal($"verbose: Offline: read 3 paired device(s) from {_folder.PairedPath}.", lines[4]);
            Assert.Equal(5, lines.Count);
        }

        [Fact]
        public void NoDeviceIsHeldOnceItIsWrittenWhenNoMoreInputCanCome()
        {
            // Devices kept by the listing until its command ends, or by tab completion after it, were copied from
            // generation to generation by the garbage collector while a large listing was built. At the end of the
            // next command and after the pipeline, only what the script itself holds may be alive: at most the last
            // $_. Completion still offers all three, read from the folder.
            var result = Run(@"
                function Alive { [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect(); @($refs | Where-Object IsAlive).Count }
                $refs = [System.Collections.Generic.List[WeakReference]]::new()
                $paired = [OpenClaw.PowerShell.OpenClawDevice].GetProperty('Paired', [Reflection.BindingFlags]'NonPublic, Instance')
                Get-OpenClawDevice -Offline -StateDirectory $s | ForEach-Object -Process { $refs.Add([WeakReference]::new($paired.GetValue($_))) } -End { Alive }
                Alive
                @([OpenClaw.PowerShell.Completion.DeviceIdCompleter]::new().CompleteArgument('Get-OpenClawDevice', 'DeviceId', '', $null, @{})).Count");
            result.ThrowIfFailed();

            var counts = result.Output.Select(o => (int)o.BaseObject).ToList();
            Assert.Equal(3, counts.Count);
            Assert.InRange(counts[0], 0, 1);
            Assert.InRange(counts[1], 0, 1);
            Assert.Equal(3, counts[2]);
        }

        [Fact]
        public void CompletionReadsTheListedFolderAsItIsNowAndNeverFails()
        {
            var result = Run(@"
                $known = { @([OpenClaw.PowerShell.Completion.DeviceIdCompleter]::new().CompleteArgument('Get-OpenClawDevice', 'DeviceId', '', $null, @{})).Count }
                $null = Get-OpenClawDevice -Offline -StateDirectory $s
                & $known
                Remove-Item -LiteralPath (Join-Path $s 'devices') -Recurse
                & $known");
            result.ThrowIfFailed();

            Assert.Equal(new[] { 3, 0 }, result.Output.Select(o => (int)o.BaseObject));
        }

        [Fact]
        public void TheStreamedListingGivesWhatTheFilteredListingGives()
        {
            var streamed = Run("Get-OpenClawDevice -Offline -StateDirectory $s");
            var filtered = Run("Get-OpenClawDevice -Offline -StateDirectory $s -DeviceId *");
            streamed.ThrowIfFailed();
            filtered.ThrowIfFailed();

            Assert.Equal(new[] { _cli.DeviceId, _agent.DeviceId, _node.DeviceId }, streamed.Output.Select(o => o.Id()));
            Assert.Equal(filtered.Output.Select(o => o.Id()), streamed.Output.Select(o => o.Id()));
            var agent = streamed.Output.Single(o => o.Id() == _agent.DeviceId);
            Assert.Equal(new[] { _agentRequest.RequestId }, agent.Get<object[]>("PendingRequests").Select(r => PSObject.AsPSObject(r).Get<string>("RequestId")));
            Assert.Empty(streamed.Output.Single(o => o.Id() == _cli.DeviceId).Get<object[]>("PendingRequests"));
            Assert.All(streamed.Output, o => Assert.StartsWith("file://", o.Get<Uri>("GatewayUrl").ToString()));

            var nodes = Run("Get-OpenClawDevice -Offline -StateDirectory $s -Role node");
            Assert.Equal(new[] { _node.DeviceId }, nodes.Output.Select(o => o.Id()));
        }

        [Fact]
        public void AWrongTypeInTheLastRecordIsOneStateFileInvalidBeforeAnyDeviceIsWritten()
        {
            var text = File.ReadAllText(_folder.PairedPath);
            var last = text.LastIndexOf("\"displayName\": \"mac-node\"", StringComparison.Ordinal);
            Assert.True(last > 0);
            File.WriteAllText(_folder.PairedPath, text.Substring(0, last) + "\"displayName\": 7" + text.Substring(last + "\"displayName\": \"mac-node\"".Length));

            var result = Run("$seen = 0; try { Get-OpenClawDevice -Offline -StateDirectory $s | ForEach-Object { $seen++ } } catch { $_.FullyQualifiedErrorId }; $seen");

            Assert.Null(result.Terminating);
            Assert.Equal(2, result.Output.Count);
            Assert.StartsWith("OpenClaw.StateFileInvalid", result.Output[0].ToString());
            Assert.Equal(0, (int)result.Output[1].BaseObject);
        }

        public void Dispose()
        {
            _host.Dispose();
            _folder.Dispose();
        }
    }
}
