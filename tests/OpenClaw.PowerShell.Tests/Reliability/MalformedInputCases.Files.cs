using System.Security.Cryptography;
using OpenClaw.PowerShell.Tests.TestSupport;

namespace OpenClaw.PowerShell.Tests.Reliability
{
    /// <summary>Corrupt identity files, bad PEMs, wrong key types and broken openclaw.json files.</summary>
    public static partial class MalformedInputCases
    {
        // Two throw-away Ed25519 keys made with `openssl genpkey -algorithm ed25519`, in the PEM forms Node writes.
        private const string Ed25519Private = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEILOnd5gVT5thmt3rbkHXb0PV5SQO3QDAaGahT5lid0Ru\n-----END PRIVATE KEY-----\n";
        private const string Ed25519PublicOfAnotherKey = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJ6o2kJ5SAQYbgBXvYzOUBC8imRXX8NM8jV5Oo+7sCxQ=\n-----END PUBLIC KEY-----\n";

        private static IEnumerable<MalformedInput> Files() => new[]
        {
            Identity("IdentityNotJson", "this is not JSON {"),
            Identity("IdentityIsAnArray", "[ \"privateKeyPem\" ]"),
            Identity("IdentityWithoutPrivateKey", "{ \"version\": 1, \"deviceId\": \"abc\" }"),
            Identity("IdentityPrivateKeyIsANumber", "{ \"version\": 1, \"privateKeyPem\": 42 }"),
            IdentityPem("IdentityRsaKey", RSA.Create(2048).ExportPkcs8PrivateKeyPem()),
            IdentityPem("IdentityEcKey", ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem()),
            IdentityPem("IdentityPemWithBadBase64", "-----BEGIN PRIVATE KEY-----\n!!!! not base64 ****\n-----END PRIVATE KEY-----\n"),
            IdentityPem("IdentityPemTruncated", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEILOnd5gVT5th"),
            IdentityPem("IdentityPemWithoutArmour", "MC4CAQAwBQYDK2VwBCIEILOnd5gVT5thmt3rbkHXb0PV5SQO3QDAaGahT5lid0Ru"),
            IdentityPem("IdentityPublicKeyWhereThePrivateKeyBelongs", Ed25519PublicOfAnotherKey),
            Identity("IdentityPublicKeyOfAnotherKey", Json(("privateKeyPem", Ed25519Private), ("publicKeyPem", Ed25519PublicOfAnotherKey))),
            Identity("IdentityPublicKeyPemThatIsGarbage", Json(("privateKeyPem", Ed25519Private), ("publicKeyPem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))),
            new MalformedInput("DeviceAuthNotJson", "Get-OpenClawDevice @c", "OpenClaw.IdentityInvalid", true)
            {
                Arrange = shell =>
                {
                    Directory.CreateDirectory(Path.Combine(shell.ModuleHome, "identity"));
                    File.WriteAllText(Path.Combine(shell.ModuleHome, "identity", "device.json"), Json(("privateKeyPem", Ed25519Private)));
                    File.WriteAllText(Path.Combine(shell.ModuleHome, "identity", "device-auth.json"), "{ \"version\": 1, \"tokens\": ");
                },
                Mentions = shell => Path.Combine(shell.ModuleHome, "identity", "device-auth.json"),
            },

            // openclaw.json is read only when no -Url is given, so these scripts leave -Url out.
            Config("ConfigTruncated", "{ \"gateway\": { \"port\": 18", "OpenClaw.ConfigInvalid"),
            Config("ConfigPortOfWrongType", "{ \"gateway\": { \"port\": { \"value\": 18789 } } }", "OpenClaw.ConfigInvalid"),
            Config("ConfigTokenOfWrongType", "{ \"gateway\": { \"port\": 18789, \"auth\": { \"token\": [ \"a\", \"b\" ] } } }", "OpenClaw.ConfigInvalid"),
            Config("ConfigPortOutOfRange", "{ \"gateway\": { \"port\": 70000 } }", "OpenClaw.InvalidGatewayUrl"),
        };

        private static MalformedInput Identity(string name, string content) =>
            new(name, "Get-OpenClawDevice @c", "OpenClaw.IdentityInvalid", true)
            {
                Arrange = shell =>
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(shell.IdentityFile)!);
                    File.WriteAllText(shell.IdentityFile, content);
                },
                Mentions = shell => shell.IdentityFile,
            };

        private static MalformedInput IdentityPem(string name, string privateKeyPem) =>
            Identity(name, Json(("privateKeyPem", privateKeyPem)));

        private static MalformedInput Config(string name, string content, string expectedId) =>
            new(name, "Get-OpenClawDevice -StateDirectory $state", expectedId, true)
            {
                Arrange = shell => File.WriteAllText(Path.Combine(shell.StateDirectory, "openclaw.json"), content),
                Mentions = shell => expectedId == "OpenClaw.ConfigInvalid" ? Path.Combine(shell.StateDirectory, "openclaw.json") : "70000",
            };

        private static string Json(params (string Key, string Value)[] fields) =>
            new System.Text.Json.Nodes.JsonObject(new[] { new KeyValuePair<string, System.Text.Json.Nodes.JsonNode?>("version", 1) }
                .Concat(fields.Select(f => new KeyValuePair<string, System.Text.Json.Nodes.JsonNode?>(f.Key, f.Value)))).ToJsonString();
    }
}
