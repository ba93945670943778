using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Identity;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Identity;

/// <summary>identity/device-auth.json: the client's cache of the device tokens the gateway issued (facts §1.4).</summary>
public sealed class IdentityFolderTokenTests : IDisposable
{
    // The device and token of identity-device-auth-2026.2.19.json (token cut by the redaction).
    private const string FixtureDeviceId = "5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6";
    private const string FixtureToken = "2t1oy4…";
    private const string OtherDeviceId = "6afa0139255976a6913725cfef968f01e3d73bdf74e9eaccb084446fec4fe152";
    private const string NewToken = "new-device-token-value";

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1795556103123);
    private static readonly string[] FiveScopes =
        { "operator.write", "operator.read", "operator.pairing", "operator.approvals", "operator.admin" };

    private readonly TempDirectory _temp = new TempDirectory();
    private readonly IdentityFolder _folder;

    public IdentityFolderTokenTests()
    {
        _folder = new IdentityFolder(_temp.Combine("identity"));
        Directory.CreateDirectory(_folder.Path);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ReadToken_returns_null_when_there_is_no_device_auth_json()
    {
        Assert.Null(_folder.ReadToken(FixtureDeviceId, "operator"));
    }

    [Fact]
    public void ReadToken_reads_the_2026_2_19_cache()
    {
        CopyFixture();

        var token = _folder.ReadToken(FixtureDeviceId, "operator");

        Assert.NotNull(token);
        Assert.Equal("operator", token!.Role);
        Assert.Equal(FixtureToken, token.Token);
        Assert.Equal(new[] { "operator.admin", "operator.approvals", "operator.pairing" }, token.Scopes);
    }

    [Theory]
    [InlineData(OtherDeviceId, "operator")]
    [InlineData(FixtureDeviceId, "node")]
    public void ReadToken_returns_null_for_another_device_or_a_role_without_a_token(string deviceId, string role)
    {
        CopyFixture();

        Assert.Null(_folder.ReadToken(deviceId, role));
    }

    [Fact]
    public void WriteToken_then_ReadToken_round_trips_with_sorted_scopes()
    {
        _folder.WriteToken(FixtureDeviceId, "operator", NewToken, FiveScopes, Now);

        var token = _folder.ReadToken(FixtureDeviceId, "operator");

        Assert.Equal(NewToken, token!.Token);
        Assert.Equal(FiveScopes.OrderBy(s => s, StringComparer.Ordinal), token.Scopes);
    }

    [Fact]
    public void WriteToken_writes_the_entry_in_openclaw_layout()
    {
        _folder.WriteToken(FixtureDeviceId, "operator", NewToken, FiveScopes, Now);

        var json = ReadAuthFile();
        Assert.Equal(1, (int)json["version"]!);
        Assert.Equal(FixtureDeviceId, (string?)json["deviceId"]);
        var entry = (JObject)json["tokens"]!["operator"]!;
        Assert.Equal(NewToken, (string?)entry["token"]);
        Assert.Equal("operator", (string?)entry["role"]);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), (long)entry["updatedAtMs"]!);
    }

    [Fact]
    public void WriteToken_keeps_fields_it_does_not_know()
    {
        var original = JObject.Parse(Fixtures.Text(Fixtures.IdentityDeviceAuth));
        original["futureField"] = new JObject { ["kept"] = true };
        original["tokens"]!["operator"]!["futureEntryField"] = "kept";
        original["tokens"]!["node"] = new JObject { ["token"] = "node-token", ["role"] = "node", ["scopes"] = new JArray() };
        File.WriteAllText(_folder.DeviceAuthFile, original.ToString());

        _folder.WriteToken(FixtureDeviceId, "operator", NewToken, FiveScopes, Now);

        var json = ReadAuthFile();
        Assert.Equal(true, (bool?)json["futureField"]?["kept"]);
        Assert.Equal("kept", (string?)json["tokens"]!["operator"]!["futureEntryField"]);
        Assert.Equal("node-token", (string?)json["tokens"]!["node"]!["token"]);
        Assert.Equal(NewToken, _folder.ReadToken(FixtureDeviceId, "operator")!.Token);
    }

    [Fact]
    public void WriteToken_for_another_device_drops_the_old_devices_tokens()
    {
        CopyFixture();

        _folder.WriteToken(OtherDeviceId, "operator", NewToken, FiveScopes, Now);

        Assert.Null(_folder.ReadToken(FixtureDeviceId, "operator"));
        Assert.Equal(NewToken, _folder.ReadToken(OtherDeviceId, "operator")!.Token);
        Assert.DoesNotContain(FixtureToken, File.ReadAllText(_folder.DeviceAuthFile));
    }

    [UnixFact]
    public void WriteToken_leaves_device_auth_json_readable_by_the_owner_only()
    {
        CopyFixture();
        UnixMode.Set(_folder.DeviceAuthFile, UnixMode.WorldReadable);

        _folder.WriteToken(FixtureDeviceId, "operator", NewToken, FiveScopes, Now);

        Assert.Equal(UnixMode.OwnerReadWrite, UnixMode.Of(_folder.DeviceAuthFile));
    }

    public static TheoryData<string, string> UnusableAuthFiles() => new()
    {
        { "not JSON", "{ not json" },
        { "a JSON array", "[]" },
        { "tokens that are an array", $"{{\"version\":1,\"deviceId\":\"{FixtureDeviceId}\",\"tokens\":[]}}" },
        { "a deviceId that is an object", "{\"version\":1,\"deviceId\":{},\"tokens\":{}}" },
    };

    [Theory]
    [MemberData(nameof(UnusableAuthFiles))]
    public void ReadToken_on_an_unusable_device_auth_json_is_an_IdentityInvalid_error_naming_the_file(string because, string content)
    {
        File.WriteAllText(_folder.DeviceAuthFile, content);

        var e = Record.Exception(() => _folder.ReadToken(FixtureDeviceId, "operator"));

        var error = Assert.IsType<OpenClawException>(e);
        Assert.True(error.ErrorId == ErrorIds.IdentityInvalid, $"{because}: got {error.ErrorId}");
        Assert.Contains(_folder.DeviceAuthFile, error.Message);
        Assert.Equal(content, File.ReadAllText(_folder.DeviceAuthFile));
    }

    [Fact]
    public void WriteToken_does_not_overwrite_a_device_auth_json_it_cannot_read()
    {
        File.WriteAllText(_folder.DeviceAuthFile, "{ not json");

        var e = Assert.Throws<OpenClawException>(() => _folder.WriteToken(FixtureDeviceId, "operator", NewToken, FiveScopes, Now));

        Assert.Equal(ErrorIds.IdentityInvalid, e.ErrorId);
        Assert.Equal("{ not json", File.ReadAllText(_folder.DeviceAuthFile));
    }

    [Fact]
    public void A_cached_token_never_shows_its_value()
    {
        var token = new CachedDeviceToken("operator", NewToken, FiveScopes);

        Assert.DoesNotContain(NewToken, token.ToString());
        Assert.Contains("operator", token.ToString());
    }

    private void CopyFixture() => File.Copy(Fixtures.PathOf(Fixtures.IdentityDeviceAuth), _folder.DeviceAuthFile);

    private JObject ReadAuthFile() => JObject.Parse(File.ReadAllText(_folder.DeviceAuthFile));
}
