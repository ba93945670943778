using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Identity;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Identity;

/// <summary>identity/device.json: creating it in OpenClaw's format and loading it fail-closed (facts §1.3).</summary>
public sealed class IdentityFolderDeviceFileTests : IDisposable
{
    private const long CreatedAtMs = 1795555186698;

    private readonly TempDirectory _temp = new TempDirectory();

    private IdentityFolder Folder => new IdentityFolder(_temp.Combine("identity"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TryLoad_returns_null_when_there_is_no_device_json()
    {
        Assert.Null(Folder.TryLoad());
        Assert.False(Folder.HasIdentity);
    }

    [Fact]
    public void Create_writes_device_json_with_openclaw_fields()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var identity = Folder.Create();

        var json = JObject.Parse(File.ReadAllText(Folder.DeviceFile));
        Assert.Equal(new[] { "version", "deviceId", "publicKeyPem", "privateKeyPem", "createdAtMs" },
            json.Properties().Select(p => p.Name));
        Assert.Equal(1, (int)json["version"]!);
        Assert.Equal(identity.DeviceId, (string?)json["deviceId"]);
        Assert.Equal(identity.DeviceId, Independent.DeviceId(DeviceIdentity.PublicKeyFromPem((string)json["publicKeyPem"]!)));
        Assert.Equal(identity.DeviceId, DeviceIdentity.FromPrivateKeyPem((string)json["privateKeyPem"]!, default).DeviceId);
        Assert.Equal(JTokenType.Integer, json["createdAtMs"]!.Type);
        Assert.InRange((long)json["createdAtMs"]!, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void A_created_identity_loads_back_with_the_same_device_id()
    {
        var created = Folder.Create();

        var loaded = Folder.TryLoad();

        Assert.NotNull(loaded);
        Assert.Equal(created.DeviceId, loaded!.DeviceId);
        Assert.Equal(created.CreatedAt.ToUnixTimeMilliseconds(), loaded.CreatedAt.ToUnixTimeMilliseconds());
    }

    [UnixFact]
    public void Create_makes_device_json_readable_by_the_owner_only()
    {
        Folder.Create();

        Assert.Equal(UnixMode.OwnerReadWrite, UnixMode.Of(Folder.DeviceFile));
    }

    [UnixFact]
    public void Create_makes_a_new_identity_folder_private_to_the_owner()
    {
        Folder.Create();

        Assert.Equal(UnixMode.OwnerAll, UnixMode.Of(Folder.Path));
    }

    [Fact]
    public void Create_refuses_to_overwrite_an_existing_identity()
    {
        Folder.Create();
        var original = File.ReadAllBytes(Folder.DeviceFile);

        var e = Assert.Throws<OpenClawException>(() => Folder.Create());

        Assert.Equal(ErrorIds.IdentityInvalid, e.ErrorId);
        Assert.Contains(Folder.DeviceFile, e.Message);
        Assert.Equal(original, File.ReadAllBytes(Folder.DeviceFile));
    }

    [Fact]
    public void TryLoad_reads_a_node_written_key_and_its_creation_time()
    {
        WriteDeviceFile(DeviceJson(Rfc8032.PrivateKeyPem, Rfc8032.PublicKeyPem));

        var identity = Folder.TryLoad();

        Assert.Equal(Independent.DeviceId(Rfc8032.PublicKey), identity!.DeviceId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), identity.CreatedAt);
    }

    [Fact]
    public void TryLoad_accepts_a_file_without_publicKeyPem()
    {
        WriteDeviceFile(DeviceJson(Rfc8032.PrivateKeyPem, publicPem: null));

        Assert.Equal(Independent.DeviceId(Rfc8032.PublicKey), Folder.TryLoad()!.DeviceId);
    }

    public static TheoryData<string, string> UnusableDeviceFiles() => new()
    {
        { "not JSON", "this is { not json" },
        { "empty", "" },
        { "a JSON array", "[]" },
        { "no privateKeyPem", DeviceJson(privatePem: null, Rfc8032.PublicKeyPem) },
        { "a publicKeyPem of another key", DeviceJson(Rfc8032.PrivateKeyPem, Fixture2219PublicKeyPem()) },
        { "a publicKeyPem that is not a key", DeviceJson(Rfc8032.PrivateKeyPem, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n") },
        { "an RSA private key", DeviceJson(RsaPkcs8Pem(), null) },
        { "the 2026.2.19 fixture, whose private key is redacted", Fixtures.Text(Fixtures.IdentityDevice) },
    };

    [Theory]
    [MemberData(nameof(UnusableDeviceFiles))]
    public void An_unusable_device_json_is_an_IdentityInvalid_error_that_names_the_file(string because, string content)
    {
        WriteDeviceFile(content);
        var before = File.ReadAllBytes(Folder.DeviceFile);

        var e = Record.Exception(() => Folder.TryLoad());

        var error = Assert.IsType<OpenClawException>(e);
        Assert.True(error.ErrorId == ErrorIds.IdentityInvalid, $"{because}: got {error.ErrorId}");
        Assert.Contains(Folder.DeviceFile, error.Message);
        Assert.Equal(Folder.DeviceFile, error.Target);
        Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
        Assert.Equal(before, File.ReadAllBytes(Folder.DeviceFile));
    }

    [Fact]
    public void Create_does_not_replace_an_unusable_identity()
    {
        WriteDeviceFile("[]");

        Assert.Throws<OpenClawException>(() => Folder.Create());
        Assert.Equal("[]", File.ReadAllText(Folder.DeviceFile));
    }

    private void WriteDeviceFile(string content)
    {
        Directory.CreateDirectory(Folder.Path);
        File.WriteAllText(Folder.DeviceFile, content);
    }

    /// <summary>A device.json in the CLI's layout; a null PEM leaves its field out.</summary>
    private static string DeviceJson(string? privatePem, string? publicPem)
    {
        var json = new JObject { ["version"] = 1, ["deviceId"] = Independent.DeviceId(Rfc8032.PublicKey) };
        if (publicPem != null) json["publicKeyPem"] = publicPem;
        if (privatePem != null) json["privateKeyPem"] = privatePem;
        json["createdAtMs"] = CreatedAtMs;
        return json.ToString();
    }

    private static string Fixture2219PublicKeyPem() =>
        (string)JObject.Parse(Fixtures.Text(Fixtures.IdentityDevice))["publicKeyPem"]!;

    private static string RsaPkcs8Pem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }
}
