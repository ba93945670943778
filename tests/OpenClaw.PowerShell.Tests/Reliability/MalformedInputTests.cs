using System.Management.Automation;
using System.Text.RegularExpressions;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.PowerShell.Tests.Reliability
{
    /// <summary>
    /// Every malformed input in <see cref="MalformedInputCases"/> gives exactly one ErrorRecord: the expected stable id,
    /// terminating or not as the case says, a message that names what to fix, and no stack trace or .NET exception
    /// name in what the user reads (Exception.Message, ErrorDetails). No secret shows in any stream either.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class MalformedInputTests : IDisposable
    {
        /// <summary>What only a stack trace or an unhandled .NET exception puts into a message.</summary>
        private static readonly Regex Internals = new(@"(^|\n)\s*at [\w.`<>]+\(|--- End of|System\.[A-Z]\w+Exception|NullReference|Newtonsoft\.|BouncyCastle",
            RegexOptions.CultureInvariant);

        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;
        private readonly ITestOutputHelper _log;

        public MalformedInputTests(ITestOutputHelper log)
        {
            _log = log;
            _devices = TestDevices.SeedInto(_shell.Store);
        }

        [Fact]
        public void TheTableHasAtLeast25DistinctInputs()
        {
            Assert.True(MalformedInputCases.All.Count >= 25, $"only {MalformedInputCases.All.Count} cases");
            Assert.True(MalformedInputCases.All.Values.Select(c => c.ExpectedId).Distinct().Count() >= 15, "the cases should cover many different error ids");
        }

        [Theory]
        [MemberData(nameof(MalformedInputCases.Names), MemberType = typeof(MalformedInputCases))]
        public void GivesOneSpecificActionableErrorRecord(string name)
        {
            var input = MalformedInputCases.All[name];
            input.Arrange?.Invoke(_shell);
            using var peer = input.Peer != null ? new RawFramePeer(input.Peer) : null;

            var (caught, result) = _shell.RunCatching(input.Script,
                ("id", _devices.Backend.DeviceId), ("state", _shell.StateDirectory),
                ("closed", $"ws://127.0.0.1:{FakeGatewayServer.FreePort()}"), ("peer", peer?.Url.ToString()));

            var records = result.Errors.Concat(caught != null ? new[] { caught } : Array.Empty<ErrorRecord>()).ToList();
            foreach (var record in records) _log.WriteLine($"{(record == caught ? "terminating" : "non-terminating")} {record.FullyQualifiedErrorId}: {record.Exception.Message}");
            Assert.True(records.Count == 1, records.Count == 0
                ? $"the input was accepted: no error, output [{string.Join(", ", result.Output)}]"
                : $"{records.Count} error records for one bad input: {string.Join(" | ", records.Select(r => r.FullyQualifiedErrorId))}");
            var error = records[0];
            Assert.Equal(input.ExpectedId, error.ErrorId());
            Assert.True(input.Terminating == (error == caught),
                $"{input.ExpectedId} should be {(input.Terminating ? "terminating" : "non-terminating")}");
            if (!input.Terminating) Assert.Contains("(not terminated)", result.Output.Select(o => o.ToString()));

            AssertReadable(error.Exception.Message, "Exception.Message");
            if (error.ErrorDetails != null)
            {
                AssertReadable(error.ErrorDetails.Message, "ErrorDetails.Message");
                Assert.DoesNotMatch(Internals, error.ErrorDetails.RecommendedAction ?? "");
            }
            if (input.Mentions?.Invoke(_shell) is { } mention) Assert.Contains(mention, error.ErrorDetails?.Message ?? error.Exception.Message);
            if (input.MustNotSay is { } misleading) Assert.DoesNotContain(misleading, error.ErrorDetails?.Message ?? error.Exception.Message);
            if (input.ExpectedId.StartsWith("OpenClaw.", StringComparison.Ordinal)) Assert.NotEqual(ErrorCategory.NotSpecified, error.CategoryInfo.Category);
            _shell.AssertNoSecretIn(result);
        }

        private static void AssertReadable(string? message, string where)
        {
            Assert.False(string.IsNullOrWhiteSpace(message), where + " is empty");
            Assert.True(message!.Length >= 20, $"{where} is too short to act on: '{message}'");
            Assert.True(!Internals.IsMatch(message), $"{where} shows internals: '{message}'");
        }

        public void Dispose() => _shell.Dispose();
    }
}
