/** The SCIM schemas Plein serves (RFC 7643 §4, §8.7): they drive /Schemas and the reading of what clients send. */

export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

export type Attribute = {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference' | 'integer';
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  uniqueness?: 'none' | 'server' | 'global';
  description: string;
  subAttributes?: Attribute[];
};

const text = (name: string, description: string, extra: Partial<Attribute> = {}): Attribute => ({
  name,
  type: 'string',
  description,
  ...extra,
});
const multi = (name: string, description: string, subAttributes: Attribute[]): Attribute => ({
  name,
  type: 'complex',
  multiValued: true,
  description,
  subAttributes,
});
const typedValue = (what: string) => [
  text('value', what),
  text('display', 'A human-readable name, primarily used for display purposes.'),
  text('type', 'A label indicating the function, e.g. "work" or "home".'),
  { name: 'primary', type: 'boolean', description: 'The primary or preferred value.' } as Attribute,
];

export const USER_ATTRIBUTES: Attribute[] = [
  text(
    'userName',
    'Unique identifier for the User, used to sign in. Plein: the email, for people made without SCIM.',
    {
      required: true,
      uniqueness: 'server',
    },
  ),
  {
    name: 'name',
    type: 'complex',
    description: "The components of the user's real name.",
    subAttributes: [
      text('formatted', 'The full name, formatted for display.'),
      text('familyName', 'The family name.'),
      text('givenName', 'The given name.'),
      text('middleName', 'The middle name(s).'),
      text('honorificPrefix', 'The honorific prefix(es), e.g. "Ms.".'),
      text('honorificSuffix', 'The honorific suffix(es), e.g. "III".'),
    ],
  },
  text('displayName', "The name shown for the User. Plein: the person's name."),
  text('nickName', 'The casual way to address the user.'),
  text('profileUrl', "A URI of the User's online profile.", { type: 'reference' }),
  text('title', 'The user\'s title, e.g. "Vice President". Plein: the profile\'s title.'),
  text('userType', 'The relationship between the organisation and the user, e.g. "Employee".'),
  text(
    'preferredLanguage',
    'Preferred written or spoken language, e.g. "nl-NL". Plein: the language (nl or en).',
  ),
  text('locale', 'Default location for localising, e.g. "nl-NL".'),
  text('timezone', 'The time zone in IANA format, e.g. "Europe/Amsterdam".'),
  {
    name: 'active',
    type: 'boolean',
    description: "The User's administrative status. Plein: false deactivates (every session and token ends).",
  },
  multi(
    'emails',
    "Email addresses. Plein: the primary one is the person's email.",
    typedValue('The address.'),
  ),
  multi('phoneNumbers', 'Phone numbers.', typedValue('The number.')),
  multi('addresses', "Physical mailing addresses. Plein: the work address's locality is the location.", [
    text('formatted', 'The full mailing address, formatted for display.'),
    text('streetAddress', 'The street.'),
    text('locality', 'The city or locality.'),
    text('region', 'The state or region.'),
    text('postalCode', 'The zip code or postal code.'),
    text('country', 'The country.'),
    text('type', 'A label indicating the function, e.g. "work".'),
    { name: 'primary', type: 'boolean', description: 'The primary address.' },
  ]),
];

export const ENTERPRISE_ATTRIBUTES: Attribute[] = [
  text('employeeNumber', 'Numeric or alphanumeric identifier assigned to a person.'),
  text('costCenter', 'Identifies the name of a cost center.'),
  text('organization', 'Identifies the name of an organization.'),
  text('division', 'Identifies the name of a division.'),
  text('department', "Identifies the name of a department. Plein: the profile's department."),
  {
    name: 'manager',
    type: 'complex',
    description: "The user's manager. Plein: the manager on the profile (a bare id string is accepted too).",
    subAttributes: [
      text('value', 'The id of the manager.'),
      text('$ref', 'The URI of the manager.', { type: 'reference' }),
      text('displayName', 'The displayName of the manager.', { mutability: 'readOnly' }),
    ],
  },
];

export const GROUP_ATTRIBUTES: Attribute[] = [
  text('displayName', 'A human-readable name for the Group. Plein: the community name (or a mapped role).', {
    required: true,
  }),
  multi('members', 'A list of members of the Group.', [
    text('value', 'The id of the member (a User).', { mutability: 'immutable' }),
    text('display', 'The name of the member, as the client sent it.'),
    text('$ref', 'The URI of the member.', { type: 'reference', mutability: 'immutable' }),
    text('type', 'The type of the member: "User".', { mutability: 'immutable' }),
  ]),
];

/** Attributes of every resource, handled apart from the schema bodies. */
export const COMMON = ['id', 'externalId', 'meta', 'schemas'] as const;

export const findAttribute = (attributes: Attribute[], name: string): Attribute | undefined => {
  const lower = name.toLowerCase();
  return attributes.find((attribute) => attribute.name.toLowerCase() === lower);
};
