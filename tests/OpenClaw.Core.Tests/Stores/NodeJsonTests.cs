using Newtonsoft.Json.Linq;
using OpenClaw.Core.Stores.Json;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// The module writes JSON as Node's JSON.stringify does. The expected texts were printed by Node 24.22.3 (the
/// gateway's runtime); the differential fuzz test compares with a running Node as well.
/// </summary>
public sealed class NodeJsonTests
{
    [Theory]
    [InlineData(StoreState.Legacy)]
    [InlineData(StoreState.AfterRotate)]
    [InlineData(StoreState.AfterApprove2221)]
    [InlineData(StoreState.Pending)]
    public void AStoreTheGatewayWroteIsItsOwnStringify(string fixture)
    {
        var text = StoreState.GatewayText(Fixtures.Text(fixture));
        Assert.Equal(text, NodeJson.Stringify(StateJson.Parse(text), indented: true));
    }

    [Fact]
    public void NumbersAreWrittenAsJavaScriptWritesThem()
    {
        // node -e 'console.log(JSON.stringify(JSON.parse(process.argv[1])))' '[0,-0,1,...]', but for 1e400 and -1e400,
        // which Node writes as null and the module as the same Infinity JSON.parse read (NodeJson.Number says why).
        const string input = "[0,-0,1,-1,1.5,0.1,1e21,1e-7,1e-6,123456789012345680000,12345678901234567890,9007199254740993,5e-324,"
                             + "1.7976931348623157e308,0.000001234,1.5e300,-2.5e-10,100,1e20,123.456,4.35,0.3,0.6666666666666666,1e400,-1e400,1.0,1e2,-0.0]";
        const string node = "[0,0,1,-1,1.5,0.1,1e+21,1e-7,0.000001,123456789012345680000,12345678901234567000,9007199254740992,5e-324,"
                            + "1.7976931348623157e+308,0.000001234,1.5e+300,-2.5e-10,100,100000000000000000000,123.456,4.35,0.3,0.6666666666666666,1e400,-1e400,1,100,0]";
        Assert.Equal(node, NodeJson.Stringify(StateJson.Parse(input), indented: false));
    }

    [Fact]
    public void StringsAreEscapedAsJsonStringifyEscapesThem()
    {
        // Newtonsoft would escape U+2028 and write the lone surrogates raw.
        var value = new JValue("\u0000\u001f\b\f\n\r\t\"\\/\u007f\u2028\ud800x\udc00\ud83d\ude00\u00e9");
        Assert.Equal("\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\u007f\u2028\\ud800x\\udc00\ud83d\ude00\u00e9\"", NodeJson.Stringify(value, indented: false));
    }

    [Fact]
    public void ArrayIndexKeysComeFirstAsInAJavaScriptObject()
    {
        var value = StateJson.Parse("{\"b\":1,\"10\":2,\"2\":3,\"a\":4,\"4294967294\":5,\"4294967295\":6,\"01\":7,\"-1\":8}");
        Assert.Equal("{\"2\":3,\"10\":2,\"4294967294\":5,\"b\":1,\"a\":4,\"4294967295\":6,\"01\":7,\"-1\":8}", NodeJson.Stringify(value, indented: false));
    }

    [Fact]
    public void IndentedLayoutIsTwoSpacesWithEmptyContainersOnOneLine()
    {
        var value = StateJson.Parse("{\"a\":[],\"b\":{},\"c\":[{}],\"d\":[1,[2]]}");
        Assert.Equal("{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    {}\n  ],\n  \"d\": [\n    1,\n    [\n      2\n    ]\n  ]\n}", NodeJson.Stringify(value, indented: true));
    }
}
