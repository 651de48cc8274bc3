/** The files of a Viva Engage (Yammer) network export this reader reads, and their columns (docs/IMPORT.md). */
export const YAMMER_FILES = {
  users: {
    file: 'Users.csv',
    known: [
      'id',
      'name',
      'email',
      'job_title',
      'location',
      'department',
      'joined_at',
      'deleted_at',
      'suspended_at',
      'state',
    ],
    required: ['id', 'name', 'email'],
  },
  groups: {
    file: 'Groups.csv',
    known: [
      'id',
      'name',
      'description',
      'privacy',
      'internal',
      'external',
      'internal/external',
      'created_at',
    ],
    required: ['id', 'name', 'privacy'],
  },
  messages: {
    file: 'Messages.csv',
    known: [
      'id',
      'replied_to_id',
      'parent_id',
      'thread_id',
      'conversation_id',
      'group_id',
      'group_name',
      'participants',
      'in_private_group',
      'in_private_conversation',
      'sender_id',
      'sender_type',
      'sender_name',
      'sender_email',
      'body',
      'attachments',
      'deleted_by_id',
      'created_at',
      'deleted_at',
      'title',
      'html_body',
      'message_type',
    ],
    required: ['id', 'thread_id', 'sender_id', 'body', 'created_at'],
  },
  files: {
    file: 'Files.csv',
    known: ['file_id', 'uploader_id', 'name', 'description', 'path', 'storage_path'],
    required: ['file_id', 'name'],
  },
} as const;

/** Files the reader knows and deliberately does not read: said in the report. */
export const YAMMER_UNREAD: Record<string, string> = {
  'Topics.csv':
    'Topics.csv: topics are not linked to messages in a network export; #tags in bodies become hashtags.',
  'MessageVersions.csv':
    'MessageVersions.csv: earlier versions of edited messages are not kept; the current text is.',
  'Admins.csv':
    'Admins.csv: network admins get no admin role in Plein; an admin grants roles after the import.',
};
