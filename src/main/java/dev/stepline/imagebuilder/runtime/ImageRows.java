package dev.stepline.imagebuilder.runtime;

import dev.stepline.engine.Projection;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.version.BuildVersion;
import dev.stepline.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code ib_image}, {@code ib_workflow_execution} and {@code ib_step_execution} tables:
 * Image Builder's listing view of its runs. The engine's projection writes them in the same
 * transaction as the transition that changed the image, so every read sees committed engine
 * state. Listings are keyset-paged on indexes that match their order.
 */
public final class ImageRows implements Projection {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long TOP = 9_999_999_999L;

    /** An image row; {@code spec} and {@code state} together make GetImage's {@code image}. */
    public record Image(String arn, String account, String region, String listKey, String pipelineArn, String status,
                        long createdMs, ObjectNode spec, ObjectNode state) {}

    /** A workflow execution row. */
    public record Workflow(String id, String imageArn, int seq, ObjectNode doc) {}

    /** A step execution row. */
    public record Step(String id, String workflowId, int seq, String imageArn, String account, String region,
                       Long waitingSinceMs, ObjectNode doc) {}

    @Override
    public void write(Tx tx, List<Change> changes) {
        for (Change change : changes) {
            ImageSummary s = (ImageSummary) change.summary();
            if (s.deleted()) {
                delete(tx, s.arn());
                continue;
            }
            if (s.spec() != null) {
                tx.update("INSERT INTO ib_image (arn, account, region, list_key, pipeline_arn, status, created_ms, spec, state)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (arn) DO UPDATE SET status = excluded.status,"
                        + " state = excluded.state", s.arn(), s.account(), s.region(), listKey(s.arn()), s.pipelineArn(),
                        s.status(), s.createdMs(), JSON.writeValueAsString(s.spec()), JSON.writeValueAsString(s.state()));
            } else if (tx.update("UPDATE ib_image SET status = ?, state = ? WHERE arn = ?", s.status(),
                    JSON.writeValueAsString(s.state()), s.arn()) == 0) {
                continue; // deleted by DeleteImage: nothing of it is written again
            }
            List<Object[]> workflows = new ArrayList<>();
            for (ImageSummary.WorkflowRow w : s.workflows()) {
                workflows.add(new Object[] {w.id(), s.arn(), w.seq(), JSON.writeValueAsString(w.doc())});
            }
            tx.batch("INSERT INTO ib_workflow_execution (id, image_arn, seq, doc) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO UPDATE SET doc = excluded.doc", workflows);
            List<Object[]> steps = new ArrayList<>();
            for (ImageSummary.StepRow st : s.steps()) {
                steps.add(new Object[] {st.id(), st.workflowId(), st.seq(), s.arn(), s.account(), s.region(),
                        st.waitingSinceMs(), JSON.writeValueAsString(st.doc())});
            }
            tx.batch("INSERT INTO ib_step_execution (id, workflow_id, seq, image_arn, account, region, waiting_since_ms, doc)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    + " waiting_since_ms = excluded.waiting_since_ms, doc = excluded.doc", steps);
        }
    }

    /** Removes an image and its execution records (DeleteImage, spec §5.2). */
    public void delete(Tx tx, String arn) {
        tx.update("DELETE FROM ib_step_execution WHERE image_arn = ?", arn);
        tx.update("DELETE FROM ib_workflow_execution WHERE image_arn = ?", arn);
        tx.update("DELETE FROM ib_image WHERE arn = ?", arn);
    }

    /**
     * {@code <recipe arn name> <inverted version>/<inverted build>}: by name, then newest first.
     * A space sorts below every character of an ARN name.
     */
    public static String listKey(String imageArn) {
        ImageBuilderArn arn = ImageBuilderArn.parse(imageArn);
        BuildVersion bv = arn.buildVersion().orElseThrow();
        return versionPrefix(arn.name(), bv.version().major(), bv.version().minor(), bv.version().patch())
                + inverse(bv.build());
    }

    /** The list-key prefix of every build of one image version. */
    public static String versionPrefix(String name, long major, long minor, long patch) {
        return name + " " + inverse(major) + "." + inverse(minor) + "." + inverse(patch) + "/";
    }

    private static String inverse(long n) {
        return String.format(Locale.ROOT, "%010d", TOP - n);
    }

    // ------------------------------------------------------------------ reads

    private static final String IMAGE_COLUMNS = "arn, account, region, list_key, pipeline_arn, status, created_ms, spec, state";

    public Optional<Image> image(Tx tx, String arn) {
        return tx.queryOne("SELECT " + IMAGE_COLUMNS + " FROM ib_image WHERE arn = ?", ImageRows::image, arn);
    }

    /** The caller's images whose list key starts with {@code prefix}, after {@code afterKey}, in list-key order. */
    public List<Image> images(Tx tx, String account, String region, String prefix, String afterKey, int limit) {
        List<Object> args = new ArrayList<>(List.of(account, region));
        StringBuilder sql = new StringBuilder("SELECT " + IMAGE_COLUMNS + " FROM ib_image WHERE account = ? AND region = ?");
        if (!prefix.isEmpty()) {
            // a half-open range on the index: every key starting with prefix
            sql.append(" AND list_key >= ? AND list_key < ?");
            args.add(prefix);
            args.add(prefix + "\uffff");
        }
        if (afterKey != null) {
            sql.append(" AND list_key > ?");
            args.add(afterKey);
        }
        sql.append(" ORDER BY list_key LIMIT ").append(limit);
        return tx.query(sql.toString(), ImageRows::image, args.toArray());
    }

    /** The caller's images that are still being built (not AVAILABLE, CANCELLED or FAILED). */
    public List<Image> activeImages(Tx tx, String account, String region) {
        return tx.query("SELECT " + IMAGE_COLUMNS + " FROM ib_image WHERE account = ? AND region = ?"
                + " AND status NOT IN ('AVAILABLE', 'CANCELLED', 'FAILED')", ImageRows::image, account, region);
    }

    /** The images a pipeline started, in list-key order after {@code afterKey}. */
    public List<Image> pipelineImages(Tx tx, String pipelineArn, String afterKey, int limit) {
        if (afterKey == null) {
            return tx.query("SELECT " + IMAGE_COLUMNS + " FROM ib_image WHERE pipeline_arn = ? ORDER BY list_key LIMIT "
                    + limit, ImageRows::image, pipelineArn);
        }
        return tx.query("SELECT " + IMAGE_COLUMNS + " FROM ib_image WHERE pipeline_arn = ? AND list_key > ?"
                + " ORDER BY list_key LIMIT " + limit, ImageRows::image, pipelineArn, afterKey);
    }

    /** A pipeline's images created at or after {@code sinceMs}, newest first. */
    public List<Image> recentPipelineImages(Tx tx, String pipelineArn, long sinceMs, int limit) {
        return tx.query("SELECT " + IMAGE_COLUMNS + " FROM ib_image WHERE pipeline_arn = ? AND created_ms >= ?"
                + " ORDER BY created_ms DESC, list_key LIMIT " + limit, ImageRows::image, pipelineArn, sinceMs);
    }

    /** The latest image a pipeline started, if any. */
    public Optional<Image> latestPipelineImage(Tx tx, String pipelineArn) {
        return tx.queryOne("SELECT " + IMAGE_COLUMNS + " FROM ib_image WHERE pipeline_arn = ?"
                + " ORDER BY created_ms DESC, list_key LIMIT 1", ImageRows::image, pipelineArn);
    }

    public Optional<Workflow> workflow(Tx tx, String id) {
        return tx.queryOne("SELECT id, image_arn, seq, doc FROM ib_workflow_execution WHERE id = ?", ImageRows::workflow, id);
    }

    /** An image's workflow executions in start order, after position {@code afterSeq}. */
    public List<Workflow> workflows(Tx tx, String imageArn, int afterSeq, int limit) {
        return tx.query("SELECT id, image_arn, seq, doc FROM ib_workflow_execution WHERE image_arn = ? AND seq > ?"
                + " ORDER BY seq LIMIT " + limit, ImageRows::workflow, imageArn, afterSeq);
    }

    private static final String STEP_COLUMNS = "id, workflow_id, seq, image_arn, account, region, waiting_since_ms, doc";

    public Optional<Step> step(Tx tx, String id) {
        return tx.queryOne("SELECT " + STEP_COLUMNS + " FROM ib_step_execution WHERE id = ?", ImageRows::step, id);
    }

    /** A workflow execution's steps in document order, after position {@code afterSeq}. */
    public List<Step> steps(Tx tx, String workflowId, int afterSeq, int limit) {
        return tx.query("SELECT " + STEP_COLUMNS + " FROM ib_step_execution WHERE workflow_id = ? AND seq > ?"
                + " ORDER BY seq LIMIT " + limit, ImageRows::step, workflowId, afterSeq);
    }

    /** The caller's WAITING steps by the time they started waiting, after ({@code afterMs}, {@code afterId}). */
    public List<Step> waiting(Tx tx, String account, String region, Long afterMs, String afterId, int limit) {
        if (afterMs == null) {
            return tx.query("SELECT " + STEP_COLUMNS + " FROM ib_step_execution WHERE account = ? AND region = ?"
                    + " AND waiting_since_ms IS NOT NULL ORDER BY waiting_since_ms, id LIMIT " + limit, ImageRows::step,
                    account, region);
        }
        return tx.query("SELECT " + STEP_COLUMNS + " FROM ib_step_execution WHERE account = ? AND region = ?"
                + " AND waiting_since_ms IS NOT NULL AND waiting_since_ms >= ? AND (waiting_since_ms > ? OR id > ?)"
                + " ORDER BY waiting_since_ms, id LIMIT " + limit, ImageRows::step, account, region, afterMs, afterMs, afterId);
    }

    private static Image image(ResultSet rs) throws SQLException {
        return new Image(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), (ObjectNode) JSON.readTree(rs.getString(8)),
                (ObjectNode) JSON.readTree(rs.getString(9)));
    }

    private static Workflow workflow(ResultSet rs) throws SQLException {
        return new Workflow(rs.getString(1), rs.getString(2), rs.getInt(3), (ObjectNode) JSON.readTree(rs.getString(4)));
    }

    private static Step step(ResultSet rs) throws SQLException {
        long waiting = rs.getLong(7);
        Long waitingSince = rs.wasNull() ? null : waiting;
        return new Step(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                waitingSince, (ObjectNode) JSON.readTree(rs.getString(8)));
    }
}
