-- Search looks for the newest matches in tiers of ids (newest posts first): a block-range index answers "posts in
-- this id range" from a few summary pages, where the primary key would list every one of 200,000 ids.
create index threads_id_brin_idx on threads using brin (id);
create index replies_id_brin_idx on replies using brin (id);
