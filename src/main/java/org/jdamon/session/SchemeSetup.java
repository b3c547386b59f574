package org.jdamon.session;

import java.util.List;
import org.jdamon.config.CoreConversion;
import org.jdamon.config.DamonArgs;
import org.jdamon.config.KdamondsConfig;
import org.jdamon.config.KdamondsJson;
import org.jdamon.core.Attributes;
import org.jdamon.core.Operations;
import org.jdamon.core.SchemeEngine;
import org.jdamon.core.damos.DamosEngine;
import org.jdamon.core.damos.Scheme;

/**
 * The monitoring attributes and DAMOS schemes of a run, from damo-style arguments (a kdamonds file, a
 * preset, monitoring and {@code --damos_*} options) through the one complete configuration they make.
 * Errors are {@link org.jdamon.config.ConfigException}s naming the option or JSON path.
 */
public record SchemeSetup(KdamondsConfig config, Attributes attributes, DamosEngine engine) {

    public static SchemeSetup of(DamonArgs args) {
        KdamondsConfig config = args.toConfig();
        KdamondsConfig.Context context = config.kdamonds().getFirst().contexts().getFirst();
        List<Scheme> schemes = CoreConversion.schemes(context);
        return new SchemeSetup(config, context.attributes(), schemes.isEmpty() ? null : new DamosEngine(schemes));
    }

    public KdamondsConfig.Context context() {
        return config.kdamonds().getFirst().contexts().getFirst();
    }

    public SchemeEngine schemeEngine() {
        return engine == null ? SchemeEngine.NONE : engine;
    }

    /** Throws {@link IllegalArgumentException} naming the first scheme the operations set cannot run. */
    public void validateFor(Operations operations) {
        if (engine != null) {
            engine.validateFor(operations);
        }
    }

    /** The configuration as kdamonds JSON for the record, or null without schemes. */
    public String configJson() {
        return engine == null ? null : KdamondsJson.write(config);
    }
}
