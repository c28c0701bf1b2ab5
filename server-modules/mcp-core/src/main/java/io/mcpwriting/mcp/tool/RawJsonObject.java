package io.mcpwriting.mcp.tool;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A result's structured content as the JSON text it already is: written into the response as is, rather
 * than parsed into maps only to be serialized again (that round trip was a tenth of a call's CPU).
 */
record RawJsonObject(String json) implements JacksonSerializable {

    /** The text when it holds a JSON object (structured content must be one), else null. */
    static RawJsonObject of(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' ? new RawJsonObject(json) : null;
            }
        }
        return null;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializationContext context) {
        generator.writeRawValue(json);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer types) {
        serialize(generator, context);
    }
}
